namespace Hone.Bench.Functions;

/// <summary>The 6-D Hartmann function on [0, 1]⁶, global minimum ≈ −3.32237.</summary>
/// <remarks>Constants, domain and minimum from Surjanovic and Bingham, Virtual Library of Simulation Experiments
/// (https://www.sfu.ca/~ssurjano/hart6.html), after Dixon and Szegő (1978). The published minimiser
/// (0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573) is rounded; the one here was refined by local
/// minimisation from it (BFGS, then Nelder-Mead), and <see cref="KnownMinimum"/> is the value there, so that no run
/// can reach a negative regret.</remarks>
internal sealed class Hartmann6() : HartmannFunction(
    new double[,]
    {
        { 10, 3, 17, 3.5, 1.7, 8 },
        { 0.05, 10, 17, 0.1, 8, 14 },
        { 3, 3.5, 1.7, 10, 17, 8 },
        { 17, 8, 0.05, 10, 0.1, 14 },
    },
    new double[,]
    {
        { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 },
        { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
        { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 },
        { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
    },
    [0.20168951225087292, 0.15001069220868873, 0.4768739756318567, 0.27533243064248886, 0.3116516155063413, 0.657300533200966])
{
    /// <inheritdoc/>
    public override string Name => "hartmann6";

    /// <inheritdoc/>
    public override double KnownMinimum => -3.322368011415515;

    /// <inheritdoc/>
    public override string Source => "Surjanovic & Bingham, VLSE (sfu.ca/~ssurjano/hart6.html); Dixon & Szegő 1978";
}
