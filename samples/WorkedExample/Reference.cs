namespace WorkedExample;

/// <summary>
/// One quantity of the worked example, as reference data.
/// </summary>
/// <param name="Quantity">The name as the article writes it.</param>
/// <param name="Article">The figure the article printed, digit for digit, or null where it printed none.</param>
/// <param name="Exact">The exact value, recomputed in IEEE double precision.</param>
/// <param name="ExactIsRounded">
/// False: <see cref="Exact"/> is given to 12 decimals and the computed value must be within 1e-9 of it.
/// True: <see cref="Exact"/> is given to fewer digits and the computed value must round to it.
/// </param>
internal sealed record ReferenceValue(string Quantity, string? Article, string Exact, bool ExactIsRounded = false);

/// <summary>
/// Every number of the worked example: what the article printed ("post") and the exact value.
/// This is data to compare against, and only that: nothing here is fed into the computation.
/// </summary>
internal static class Reference
{
    public static readonly ReferenceValue[] ForwardPass =
    {
        new("net_h1", "0.3775", "0.377500000000"),
        new("out_h1", "0.593269992", "0.593269992107"),
        new("out_h2", "0.596884378", "0.596884378260"),
        new("net_o1", "1.105905967", "1.105905967060"),
        new("out_o1", "0.75136507", "0.751365069552"),
        new("net_o2", null, "1.224921404096"),
        new("out_o2", "0.772928465", "0.772928465321"),
        new("E_o1", "0.274811083", "0.274811083176"),
        new("E_o2", "0.023560026", "0.023560025584"),
        new("E_total", "0.298371109", "0.298371108760"),
    };

    public static readonly ReferenceValue[] BackwardPass =
    {
        new("dE_total/dout_o1", "0.74136507", "0.741365069552"),
        new("dout_o1/dnet_o1", "0.186815602", "0.186815601809"),
        new("dnet_o1/dw5 (= out_h1)", "0.593269992", "0.593269992107"),
        new("dE_total/dw5", "0.082167041", "0.082167040564"),
        new("delta_o1 = dE_total/dnet_o1", "0.138498562", "0.138498561629"),
        new("dE_o1/dout_h1", "0.055399425", "0.055399424651"),
        new("dE_o2/dout_h1", "-0.019049119", "-0.019049118258"),
        new("dE_total/dout_h1", "0.036350306", "0.036350306393"),
        new("dout_h1/dnet_h1", "0.241300709", "0.241300708572"),
        new("dE_total/dw1", "0.000438568", "0.000438567734"),
    };

    /// <summary>All ten gradients. The article printed only those of w1 and w5 (and none for the biases).</summary>
    public static readonly ReferenceValue[] Gradients =
    {
        new("dE_total/dw1", "0.000438568", "0.000438567734"),
        new("dE_total/dw2", null, "0.000877135469"),
        new("dE_total/dw3", null, "0.000497712735"),
        new("dE_total/dw4", null, "0.000995425471"),
        new("dE_total/dw5", "0.082167041", "0.082167040564"),
        new("dE_total/dw6", null, "0.082667627848"),
        new("dE_total/dw7", null, "-0.022602540477"),
        new("dE_total/dw8", null, "-0.022740242216"),
        new("dE_total/db1", null, "0.018725609395"),
        new("dE_total/db2", null, "0.100400325112"),
    };

    public static readonly ReferenceValue[] ParametersAfterOneStep =
    {
        new("w1+", "0.149780716", "0.149780716133"),
        new("w2+", "0.19956143", "0.199561432266"),
        new("w3+", "0.24975114", "0.249751143632"),
        new("w4+", "0.29950229", "0.299502287265"),
        new("w5+", "0.35891648", "0.358916479718"),
        new("w6+", "0.408666186", "0.408666186076"),
        new("w7+", "0.511301270", "0.511301270239"),
        new("w8+", "0.561370121", "0.561370121108"),
        new("b1+", null, "0.350000000000"), // the example never updates the biases
        new("b2+", null, "0.600000000000"),
    };

    /// <summary>
    /// The training summary. The exact values are those of the algorithm as the article describes it,
    /// given to fewer digits, so they are compared at their printed precision.
    /// The article printed its 10,000-update figures for what is, numerically, not one single run:
    /// see <see cref="EarlierScript"/> and the last section of the program's output.
    /// </summary>
    public static readonly ReferenceValue[] Training =
    {
        new("E_total after 1 update", "0.291027924", "0.291027774", ExactIsRounded: true),
        new("E_total after 9,999 updates", null, "0.0000351085", ExactIsRounded: true),
        new("E_total after 10,000 updates", "0.0000351085", "0.0000351019", ExactIsRounded: true),
        new("out_o1 after 10,000 updates", "0.015912196", "0.015913620", ExactIsRounded: true),
        new("out_o2 after 10,000 updates", "0.984065734", "0.984064274", ExactIsRounded: true),
    };

    /// <summary>
    /// What the article's earlier script gives (output weights updated first, hidden deltas then computed
    /// from the updated output weights), to the digits the article prints. Compared at printed precision.
    /// </summary>
    public static readonly ReferenceValue[] EarlierScript =
    {
        new("E_total after 1 update", "0.291027924", "0.291027924", ExactIsRounded: true),
        new("E_total after 10,000 updates", "0.0000351085", "0.0000350848", ExactIsRounded: true),
        new("out_o1 after 10,000 updates", "0.015912196", "0.015912196", ExactIsRounded: true),
        new("out_o2 after 10,000 updates", "0.984065734", "0.984065734", ExactIsRounded: true),
    };
}
