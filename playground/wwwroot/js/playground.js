// The little the page needs from JavaScript: the share link in the fragment, and the editor's overlay and gutter
// scrolling with the textarea.
window.playground = {
    setHash: function (hash) { history.replaceState(null, "", hash); }
};
document.addEventListener("scroll", function (e) {
    var t = e.target;
    if (!t || !t.classList || !t.classList.contains("editor-input")) return;
    var editor = t.closest(".editor");
    var overlay = editor.querySelector(".editor-overlay");
    overlay.scrollTop = t.scrollTop;
    overlay.scrollLeft = t.scrollLeft;
    editor.querySelector(".editor-gutter").scrollTop = t.scrollTop;
}, true);
