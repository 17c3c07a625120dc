namespace SatDownload.Samples.Quickstart;

/// <summary>The Quickstart's command line.</summary>
internal sealed class QuickstartOptions
{
    public string? Provider { get; private set; }

    public string? AoiPath { get; private set; }

    public string OutputDirectory { get; private set; } = "downloads";

    public long? BudgetBytes { get; private set; }

    public bool Live { get; private set; }

    public bool ShowHelp { get; private set; }

    public static QuickstartOptions Parse(string[] args)
    {
        var o = new QuickstartOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option {args[i]} needs a value.");
            switch (args[i])
            {
                case "--provider": o.Provider = Next(); break;
                case "--aoi": o.AoiPath = Next(); break;
                case "--out": o.OutputDirectory = Next(); break;
                case "--budget-bytes":
                    var text = Next();
                    o.BudgetBytes = long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var b) && b >= 0
                        ? b
                        : throw new ArgumentException($"--budget-bytes needs a whole number of bytes; got '{text}'.");
                    break;
                case "--live": o.Live = true; break;
                case "-h" or "--help": o.ShowHelp = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Run with --help to see the options.");
            }
        }

        return o;
    }

    public const string Help = """
        SatDownload Quickstart: order, resolve and download imagery from every provider for one AOI.

        With no options it starts the provider emulators in-process (no network, no credentials) and runs each flow.

          --provider <name>      run one provider only (see the list printed at start)
          --aoi <file>           area of interest as a GeoJSON or WKT file (default: a field near Toulouse, France)
          --out <dir>            output directory (default: ./downloads)
          --budget-bytes <n>     refuse to download more than n bytes in total
          --live                 use the real services with credentials from SATDOWNLOAD_* environment variables
          -h, --help             show this help
        """;
}
