namespace Hone.Samplers.CmaEs;

/// <summary>
/// Learning-rate adaptation for CMA-ES (LRA-CMA-ES: Nomura, Akimoto and Ono, "CMA-ES with Learning Rate Adaptation:
/// Can CMA-ES with Default Population Size Solve Multimodal and Noisy Problems?", GECCO 2023): the rates at which the
/// mean and the covariance σ²C move are scaled so that each update keeps a constant signal-to-noise ratio. Where
/// successive updates point the same way (a slope) the rates stay at 1, the plain CMA-ES; where they cancel out
/// (the noise of a rugged or noisy landscape) the rates drop, and the search averages over more generations instead of
/// following each ranking's noise.
/// </summary>
/// <remarks>The updates are measured in the coordinates of the distribution before them (whitened by (σ²C)^(−1/2)), the
/// signal by exponential moving averages of the update and of its squared norm. Constants: α = 1.4, β_m = 0.1,
/// β_Σ = 0.03, γ = 0.1 (the paper's recommendation).</remarks>
internal sealed class CmaEsLearningRates
{
    private const double Alpha = 1.4;
    private const double BetaMean = 0.1;
    private const double BetaCovariance = 0.03;
    private const double Gamma = 0.1;

    /// <summary>Starts with both rates at 1 and no history.</summary>
    /// <param name="dimension">The number of coordinates.</param>
    public CmaEsLearningRates(int dimension)
    {
        MeanAverage = new double[dimension];
        CovarianceAverage = new double[dimension * dimension];
    }

    /// <summary>The moving average of the whitened mean updates (E_m).</summary>
    public double[] MeanAverage { get; }

    /// <summary>The moving average of the whitened covariance updates, n × n (E_Σ).</summary>
    public double[] CovarianceAverage { get; }

    /// <summary>The moving average of the squared norm of the whitened mean updates (V_m).</summary>
    public double MeanSquare { get; set; }

    /// <summary>The moving average of the squared norm of the whitened covariance updates (V_Σ).</summary>
    public double CovarianceSquare { get; set; }

    /// <summary>The rate of the mean update, η_m, in (0, 1].</summary>
    public double MeanRate { get; set; } = 1;

    /// <summary>The rate of the covariance update, η_Σ, in (0, 1].</summary>
    public double CovarianceRate { get; set; } = 1;

    /// <summary>A copy.</summary>
    public CmaEsLearningRates Clone()
    {
        var copy = new CmaEsLearningRates(MeanAverage.Length)
        {
            MeanSquare = MeanSquare,
            CovarianceSquare = CovarianceSquare,
            MeanRate = MeanRate,
            CovarianceRate = CovarianceRate,
        };
        MeanAverage.CopyTo(copy.MeanAverage, 0);
        CovarianceAverage.CopyTo(copy.CovarianceAverage, 0);
        return copy;
    }

    /// <summary>Forgets the history and sets both rates back to 1, for a new run.</summary>
    public void Reset()
    {
        Array.Clear(MeanAverage);
        Array.Clear(CovarianceAverage);
        MeanSquare = 0;
        CovarianceSquare = 0;
        MeanRate = 1;
        CovarianceRate = 1;
    }

    /// <summary>Scales a full CMA-ES update that was just applied to <paramref name="mean"/>, σ and
    /// <paramref name="covariance"/>, and adapts the rates for the next one.</summary>
    /// <param name="mean">The mean after the plain update; replaced by the scaled one.</param>
    /// <param name="sigma">σ after the plain update; replaced by the scaled one.</param>
    /// <param name="covariance">C after the plain update (n × n); replaced by the scaled one.</param>
    /// <param name="oldMean">The mean before the update.</param>
    /// <param name="oldSigma">σ before the update.</param>
    /// <param name="oldCovariance">C before the update.</param>
    /// <param name="oldAxes">B of the old C = B·D²·Bᵀ (n × n, row-major, eigenvectors as columns).</param>
    /// <param name="oldScales">D of the old C.</param>
    /// <returns>False, changing nothing, when the scaled covariance is not numerically positive definite.</returns>
    public bool Apply(double[] mean, ref double sigma, double[] covariance, double[] oldMean, double oldSigma, double[] oldCovariance, double[] oldAxes, double[] oldScales)
    {
        var n = mean.Length;

        // W = (σ_old² C_old)^(−1/2) = B·D⁻¹·Bᵀ / σ_old.
        var w = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < n; k++)
                {
                    sum += oldAxes[(i * n) + k] * oldAxes[(j * n) + k] / oldScales[k];
                }

                w[(i * n) + j] = w[(j * n) + i] = sum / oldSigma;
            }
        }

        var deltaMean = new double[n];
        for (var i = 0; i < n; i++)
        {
            deltaMean[i] = mean[i] - oldMean[i];
        }

        var oldSigma2 = oldSigma * oldSigma;
        var sigma2 = sigma * sigma;
        var deltaCovariance = new double[n * n];
        for (var i = 0; i < n * n; i++)
        {
            deltaCovariance[i] = (sigma2 * covariance[i]) - (oldSigma2 * oldCovariance[i]);
        }

        // The signal of each update, in the old distribution's coordinates; the covariance's divided by √2 so that both
        // have the same scale under pure noise.
        double meanNorm = 0;
        for (var i = 0; i < n; i++)
        {
            var local = 0.0;
            for (var k = 0; k < n; k++)
            {
                local += w[(i * n) + k] * deltaMean[k];
            }

            MeanAverage[i] = ((1 - BetaMean) * MeanAverage[i]) + (BetaMean * local);
            meanNorm += local * local;
        }

        var product = Multiply(Multiply(w, deltaCovariance, n), w, n);
        double covarianceNorm = 0;
        for (var i = 0; i < n * n; i++)
        {
            var local = product[i] / Math.Sqrt(2);
            CovarianceAverage[i] = ((1 - BetaCovariance) * CovarianceAverage[i]) + (BetaCovariance * local);
            covarianceNorm += local * local;
        }

        MeanSquare = ((1 - BetaMean) * MeanSquare) + (BetaMean * meanNorm);
        CovarianceSquare = ((1 - BetaCovariance) * CovarianceSquare) + (BetaCovariance * covarianceNorm);
        var meanRateBefore = MeanRate;
        MeanRate = Adapt(MeanRate, SignalToNoise(MeanAverage, MeanSquare, BetaMean), BetaMean);
        CovarianceRate = Adapt(CovarianceRate, SignalToNoise(CovarianceAverage, CovarianceSquare, BetaCovariance), BetaCovariance);

        // Σ = Σ_old + η_Σ ΔΣ, split again into σ² = det(Σ)^(1/n) and C = Σ / σ².
        var scaled = new double[n * n];
        for (var i = 0; i < n * n; i++)
        {
            scaled[i] = (oldSigma2 * oldCovariance[i]) + (CovarianceRate * deltaCovariance[i]);
        }

        if (LogDeterminant(scaled, n) is not { } logDeterminant)
        {
            return false;
        }

        var newSigma = Math.Min(Math.Exp(logDeterminant / (2.0 * n)), 1e32);
        var newSigma2 = newSigma * newSigma;
        for (var i = 0; i < n; i++)
        {
            mean[i] = oldMean[i] + (MeanRate * deltaMean[i]);
        }

        for (var i = 0; i < n * n; i++)
        {
            covariance[i] = scaled[i] / newSigma2;
        }

        // A slower mean would otherwise make the step-size path read the shorter steps as convergence.
        sigma = newSigma * meanRateBefore / MeanRate;
        return true;
    }

    /// <summary>The estimated signal-to-noise ratio of an update from the moving averages of it and of its squared norm.</summary>
    private static double SignalToNoise(double[] average, double square, double beta)
    {
        double norm = 0;
        foreach (var v in average)
        {
            norm += v * v;
        }

        var noise = square - norm;
        return noise > 0 ? (norm - (beta / (2 - beta) * square)) / noise : 0;
    }

    /// <summary>Moves a rate towards the one that would give a signal-to-noise ratio of α, capped at 1.</summary>
    private static double Adapt(double rate, double snr, double beta)
    {
        var relative = Math.Clamp((snr / Alpha / rate) - 1, -1, 1);
        return Math.Min(rate * Math.Exp(Math.Min(Gamma * rate, beta) * relative), 1);
    }

    private static double[] Multiply(double[] a, double[] b, int n)
    {
        var result = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < n; k++)
            {
                var aik = a[(i * n) + k];
                for (var j = 0; j < n; j++)
                {
                    result[(i * n) + j] += aik * b[(k * n) + j];
                }
            }
        }

        return result;
    }

    /// <summary>log det of a symmetric matrix by its Cholesky factor, or null when it is not positive definite.</summary>
    private static double? LogDeterminant(double[] a, int n)
    {
        var l = new double[n * n];
        double sum = 0;
        for (var j = 0; j < n; j++)
        {
            var d = a[(j * n) + j];
            for (var k = 0; k < j; k++)
            {
                d -= l[(j * n) + k] * l[(j * n) + k];
            }

            if (!(d > 0))
            {
                return null;
            }

            var root = Math.Sqrt(d);
            l[(j * n) + j] = root;
            sum += Math.Log(d);
            for (var i = j + 1; i < n; i++)
            {
                var s = a[(i * n) + j];
                for (var k = 0; k < j; k++)
                {
                    s -= l[(i * n) + k] * l[(j * n) + k];
                }

                l[(i * n) + j] = s / root;
            }
        }

        return sum;
    }
}
