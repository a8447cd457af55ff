using Hone.Pbt;

namespace Hone.Bench;

/// <summary>A member of population-based training on <see cref="HyperparameterCurves"/>: its state is its noise-free loss,
/// which each step moves towards the asymptote of the current hyperparameters; it reports the loss with noise.</summary>
internal sealed class CurveMember(int key) : IPbtMember<double>
{
    /// <summary>The noise-free loss of the member's state.</summary>
    public double Loss { get; private set; } = HyperparameterCurves.Start;

    public Task<double> TrainAsync(PbtTrainArguments arguments, CancellationToken cancellationToken)
    {
        var observed = 0.0;
        for (var step = arguments.Step + 1; step <= arguments.Step + arguments.Steps; step++)
        {
            Loss = HyperparameterCurves.Step(arguments.Hyperparameters, Loss);
            observed = Loss + HyperparameterCurves.Noise(key, step);
            arguments.Report(observed, step);
        }

        return Task.FromResult(observed);
    }

    public Task<double> SaveAsync(CancellationToken cancellationToken) => Task.FromResult(Loss);

    public Task RestoreAsync(double checkpoint, CancellationToken cancellationToken)
    {
        Loss = checkpoint;
        return Task.CompletedTask;
    }
}
