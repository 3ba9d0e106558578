using System.Diagnostics;
using System.Globalization;

namespace FanOut.Load;

/// <summary>
/// The driver's own CPU time and the whole machine's busy and total time (Linux /proc/stat; zero
/// elsewhere), to tell whether the clients or other work on the machine were the limit.
/// </summary>
internal readonly record struct CpuSample(double ProcessSeconds, long MachineBusyTicks, long MachineTotalTicks)
{
    public static CpuSample Take()
    {
        using var process = Process.GetCurrentProcess();
        var (busy, total) = ReadProcStat();
        return new CpuSample(process.TotalProcessorTime.TotalSeconds, busy, total);
    }

    /// <summary>The share of all cores that was busy between <paramref name="before"/> and this sample, or NaN when unknown.</summary>
    public double MachineBusySince(CpuSample before) =>
        MachineTotalTicks > before.MachineTotalTicks
            ? (double)(MachineBusyTicks - before.MachineBusyTicks) / (MachineTotalTicks - before.MachineTotalTicks)
            : double.NaN;

    // The first line of /proc/stat: "cpu user nice system idle iowait irq softirq steal ..."; idle and iowait are not busy.
    private static (long Busy, long Total) ReadProcStat()
    {
        const string path = "/proc/stat";
        if (!File.Exists(path))
        {
            return (0, 0);
        }
        using var reader = new StreamReader(path);
        var fields = (reader.ReadLine() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long total = 0, idle = 0;
        for (var i = 1; i < Math.Min(fields.Length, 9); i++)
        {
            var value = long.Parse(fields[i], CultureInfo.InvariantCulture);
            total += value;
            if (i is 4 or 5)
            {
                idle += value;
            }
        }
        return (total - idle, total);
    }
}
