using Hone.Pbt;

namespace Hone.Tests.Pbt;

/// <summary>
/// A toy model for population-based training, after the toy example of Jaderberg et al. 2017: stochastic gradient
/// descent on <c>θ²/2</c> from θ = 10 with unit gradient noise and learning rate <c>lr</c>, scored by <c>−θ²/2</c>. A large
/// rate gets close fast but then rattles around the minimum at a loss near lr/4; a small one is precise but slow. The best
/// rate thus falls as training goes on, and a schedule beats every fixed rate.
/// </summary>
internal sealed class NoisyQuadraticMember(int seed) : IPbtMember<double>
{
    private readonly Random _noise = new(seed);
    private double _theta = 10;

    public Task<double> TrainAsync(PbtTrainArguments arguments, CancellationToken cancellationToken) =>
        Task.FromResult(Train((double)arguments.Hyperparameters["lr"]!, arguments.Steps));

    public Task<double> SaveAsync(CancellationToken cancellationToken) => Task.FromResult(_theta);

    public Task RestoreAsync(double checkpoint, CancellationToken cancellationToken)
    {
        _theta = checkpoint;
        return Task.CompletedTask;
    }

    /// <summary>The final score of a fixed learning rate trained for <paramref name="steps"/> steps from scratch.</summary>
    public static double Fixed(int seed, double lr, int steps) => new NoisyQuadraticMember(seed).Train(lr, steps);

    private double Train(double lr, int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - _noise.NextDouble())) * Math.Cos(2 * Math.PI * _noise.NextDouble());
            _theta -= lr * (_theta + z);
        }

        return -0.5 * _theta * _theta;
    }
}
