using System.Globalization;

/// <summary>Polynomial ridge regression in one variable, solved in closed form, with k-fold cross-validation.</summary>
internal static class RidgeRegression
{
    /// <summary>Samples y = sin(3x) + x/2 + noise on x in [-2, 2].</summary>
    public static (double[] X, double[] Y) MakeData(int samples, int seed)
    {
        var random = new Random(seed);
        var x = new double[samples];
        var y = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            x[i] = (random.NextDouble() * 4) - 2;
            var noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            y[i] = Math.Sin(3 * x[i]) + (x[i] / 2) + (0.3 * noise);
        }

        return (x, y);
    }

    public static double CrossValidatedMse((double[] X, double[] Y) data, int degree, double alpha, bool standardize, int folds)
    {
        var n = data.X.Length;
        var error = 0.0;
        for (var fold = 0; fold < folds; fold++)
        {
            var train = Enumerable.Range(0, n).Where(i => i % folds != fold).ToArray();
            var test = Enumerable.Range(0, n).Where(i => i % folds == fold).ToArray();
            var (mean, scale) = standardize ? Moments(train.Select(i => data.X[i])) : (0.0, 1.0);
            var weights = Fit(train.Select(i => Features((data.X[i] - mean) / scale, degree)).ToArray(), train.Select(i => data.Y[i]).ToArray(), alpha);
            error += test.Sum(i => Math.Pow(Predict(weights, Features((data.X[i] - mean) / scale, degree)) - data.Y[i], 2));
        }

        return error / n;
    }

    private static (double Mean, double Scale) Moments(IEnumerable<double> values)
    {
        var list = values.ToList();
        var mean = list.Average();
        return (mean, Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / list.Count));
    }

    private static double[] Features(double x, int degree)
    {
        var features = new double[degree + 1];
        features[0] = 1;
        for (var d = 1; d <= degree; d++)
        {
            features[d] = features[d - 1] * x;
        }

        return features;
    }

    private static double Predict(double[] weights, double[] features) => weights.Zip(features, (w, f) => w * f).Sum();

    /// <summary>Solves (XᵀX + αI) w = Xᵀy by Gaussian elimination with partial pivoting.</summary>
    private static double[] Fit(double[][] x, double[] y, double alpha)
    {
        var p = x[0].Length;
        var a = new double[p, p + 1];
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                a[i, j] = x.Sum(row => row[i] * row[j]) + (i == j && i > 0 ? alpha : 0);
            }

            a[i, p] = x.Select((row, k) => row[i] * y[k]).Sum();
        }

        for (var col = 0; col < p; col++)
        {
            var pivot = Enumerable.Range(col, p - col).MaxBy(r => Math.Abs(a[r, col]));
            for (var j = 0; j <= p; j++)
            {
                (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            }

            var diagonal = a[col, col];
            if (Math.Abs(diagonal) < 1e-300)
            {
                throw new ArithmeticException(string.Create(CultureInfo.InvariantCulture, $"Singular system at degree {p - 1}, alpha {alpha}."));
            }

            for (var r = 0; r < p; r++)
            {
                if (r == col)
                {
                    continue;
                }

                var factor = a[r, col] / diagonal;
                for (var j = col; j <= p; j++)
                {
                    a[r, j] -= factor * a[col, j];
                }
            }
        }

        return Enumerable.Range(0, p).Select(i => a[i, p] / a[i, i]).ToArray();
    }
}
