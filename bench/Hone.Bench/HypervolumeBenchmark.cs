using System.Diagnostics;
using System.Globalization;
using Hone.Numerics;

namespace Hone.Bench;

/// <summary>
/// Times the exact hypervolume of seeded point sets: points on the unit sphere's positive orthant (the DTLZ2 front,
/// all mutually non-dominated: the worst case) and uniform points in the unit cube (most of them dominated), against
/// the reference point 1.1 in every objective. With <c>--write-points DIR</c> it also writes each set, one point per
/// line, for <c>bench/peers/optuna_hypervolume.py</c> to time Optuna on the very same points.
/// </summary>
internal static class HypervolumeBenchmark
{
    private const double ReferenceValue = 1.1;

    public static int Run(BenchArguments args)
    {
        var sizes = args.IntList("points", [10_000], min: 1);
        var objectives = args.Int("objectives", 3, min: 2);
        var repeats = args.Int("repeats", 5);
        var seed = args.Int("seed", 1, min: 0);
        var folder = args.Text("write-points", null);
        args.RejectUnknown();

        var reference = Enumerable.Repeat(ReferenceValue, objectives).ToArray();
        foreach (var shape in new[] { "sphere", "random" })
        {
            foreach (var n in sizes)
            {
                var points = Points(shape, n, objectives, seed);
                string? file = null;
                if (folder is not null)
                {
                    Directory.CreateDirectory(folder);
                    file = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"hv-{shape}-{objectives}d-{n}.txt"));
                    File.WriteAllLines(file, points.Select(p => string.Join(',', p.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
                }

                // One untimed run first, so that the timed ones see compiled, tiered code.
                var volume = Hypervolume.Compute(points, reference);
                var seconds = new double[repeats];
                for (var r = 0; r < repeats; r++)
                {
                    var clock = Stopwatch.StartNew();
                    volume = Hypervolume.Compute(points, reference);
                    seconds[r] = clock.Elapsed.TotalSeconds;
                }

                Array.Sort(seconds);
                JsonLine.Write(new
                {
                    Bench = "hypervolume",
                    Peer = "hone",
                    Shape = shape,
                    Points = n,
                    Objectives = objectives,
                    Reference = ReferenceValue,
                    Repeats = repeats,
                    MedianSeconds = seconds[repeats / 2],
                    MinSeconds = seconds[0],
                    Hypervolume = volume,
                    File = file,
                });
            }
        }

        return 0;
    }

    private static double[][] Points(string shape, int n, int objectives, int seed)
    {
        var random = new Random(seed);
        var points = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var point = new double[objectives];
            if (shape == "random")
            {
                for (var k = 0; k < objectives; k++)
                {
                    point[k] = random.NextDouble();
                }
            }
            else
            {
                // |normal| draws, normalised: uniform on the sphere's positive orthant.
                var norm = 0.0;
                for (var k = 0; k < objectives; k++)
                {
                    point[k] = Math.Abs(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
                    norm += point[k] * point[k];
                }

                norm = Math.Sqrt(norm);
                for (var k = 0; k < objectives; k++)
                {
                    point[k] /= norm;
                }
            }

            points[i] = point;
        }

        return points;
    }
}
