global using BackpropGen;
