using DigitsMlp.Training;

namespace DigitsMlp.Tests;

public class OptimizerTests
{
    [Fact]
    public void Step_Adam_FirstStepMovesEveryParameterByTheLearningRateAgainstTheGradientSign()
    {
        var optimizer = Optimizer.Create(OptimizerKind.Adam, 3);
        float[] parameters = [1, 1, 1];

        // After bias correction, the first step is lr * g / (|g| + ε): the sign of g, whatever its size.
        optimizer.Step(parameters, [4f, -0.01f, 1e3f], 0.1f);

        Assert.Equal(0.9f, parameters[0], 5);
        Assert.Equal(1.1f, parameters[1], 5);
        Assert.Equal(0.9f, parameters[2], 5);
    }

    [Fact]
    public void Step_AdamWithAConstantGradient_KeepsTakingStepsOfTheLearningRate()
    {
        var optimizer = Optimizer.Create(OptimizerKind.Adam, 1);
        float[] parameters = [0];

        for (var i = 0; i < 10; i++)
        {
            optimizer.Step(parameters, [2f], 0.01f);
        }

        Assert.Equal(-0.1f, parameters[0], 4);
    }

    [Fact]
    public void Step_Sgd_AccumulatesMomentum()
    {
        var optimizer = Optimizer.Create(OptimizerKind.Sgd, 1);
        float[] parameters = [0];

        optimizer.Step(parameters, [1f], 0.1f);
        Assert.Equal(-0.1f, parameters[0], 6);

        // v = 0.9 * 1 + 1 = 1.9: the second step is 0.19.
        optimizer.Step(parameters, [1f], 0.1f);
        Assert.Equal(-0.29f, parameters[0], 6);
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Adam)]
    public void Clone_ThenTheSameSteps_GivesTheSameParameters(OptimizerKind kind)
    {
        var optimizer = Optimizer.Create(kind, 2);
        float[] parameters = [0, 0];
        optimizer.Step(parameters, [1f, -2f], 0.1f);
        var copy = optimizer.Clone();
        var copied = parameters.ToArray();

        optimizer.Step(parameters, [0.5f, 3f], 0.1f);
        copy.Step(copied, [0.5f, 3f], 0.1f);

        Assert.Equal(parameters, copied);
    }
}
