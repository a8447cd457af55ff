namespace Hone.Bench.Functions;

/// <summary>The 3-D Hartmann function on [0, 1]³, global minimum ≈ −3.86278.</summary>
/// <remarks>Constants, domain and minimum from Surjanovic and Bingham, Virtual Library of Simulation Experiments
/// (https://www.sfu.ca/~ssurjano/hart3.html), after Dixon and Szegő (1978). The published minimiser
/// (0.114614, 0.555649, 0.852547) is rounded; the one here was refined by local minimisation from it (BFGS, then
/// Nelder-Mead), and <see cref="KnownMinimum"/> is the value there, so that no run can reach a negative regret.</remarks>
internal sealed class Hartmann3() : HartmannFunction(
    new double[,]
    {
        { 3.0, 10, 30 },
        { 0.1, 10, 35 },
        { 3.0, 10, 30 },
        { 0.1, 10, 35 },
    },
    new double[,]
    {
        { 0.3689, 0.1170, 0.2673 },
        { 0.4699, 0.4387, 0.7470 },
        { 0.1091, 0.8732, 0.5547 },
        { 0.0381, 0.5743, 0.8828 },
    },
    [0.11458889205236769, 0.5556488942074893, 0.8525469851680214])
{
    /// <inheritdoc/>
    public override string Name => "hartmann3";

    /// <inheritdoc/>
    public override double KnownMinimum => -3.862779787332663;

    /// <inheritdoc/>
    public override string Source => "Surjanovic & Bingham, VLSE (sfu.ca/~ssurjano/hart3.html); Dixon & Szegő 1978";
}
