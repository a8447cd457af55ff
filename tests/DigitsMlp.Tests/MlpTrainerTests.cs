using DigitsMlp.Training;

namespace DigitsMlp.Tests;

public class MlpTrainerTests
{
    private static readonly MlpHyperparameters Small = new() { HiddenUnits = [32], BatchSize = 32, LearningRate = 3e-3, Dropout = 0.1, WeightDecay = 1e-4 };

    [Theory]
    [InlineData(OptimizerKind.Adam, 3e-3, Activation.Relu)]
    [InlineData(OptimizerKind.Sgd, 3e-2, Activation.Tanh)]
    [InlineData(OptimizerKind.Adam, 3e-3, Activation.Elu)]
    public void TrainEpoch_SaneConfiguration_PassesNinetyPercentValidationAccuracyInFiveEpochs(OptimizerKind optimizer, double learningRate, Activation activation)
    {
        var data = Digits.Split();
        var trainer = new MlpTrainer(Small with { Optimizer = optimizer, LearningRate = learningRate, Activation = activation }, Digits.Features, Digits.Classes, seed: 1);

        for (var epoch = 0; epoch < 5; epoch++)
        {
            trainer.TrainEpoch(data.Train);
        }

        Assert.True(trainer.Accuracy(data.Validation) > 0.9, $"validation accuracy {trainer.Accuracy(data.Validation)}");
        Assert.Equal(5, trainer.Epochs);
    }

    [Fact]
    public void TrainEpoch_SameSeed_GivesTheSameLossesAndAccuracy()
    {
        var data = Digits.Split();

        var (lossesA, accuracyA) = Train(seed: 7);
        var (lossesB, accuracyB) = Train(seed: 7);
        var (lossesC, _) = Train(seed: 8);

        Assert.Equal(lossesA, lossesB);
        Assert.Equal(accuracyA, accuracyB);
        Assert.NotEqual(lossesA, lossesC);

        (double[] Losses, double Accuracy) Train(ulong seed)
        {
            var trainer = new MlpTrainer(Small, Digits.Features, Digits.Classes, seed);
            var losses = new[] { trainer.TrainEpoch(data.Train), trainer.TrainEpoch(data.Train) };
            return (losses, trainer.Accuracy(data.Validation));
        }
    }

    [Fact]
    public void TrainEpoch_Loss_FallsFromEpochToEpoch()
    {
        var data = Digits.Split();
        var trainer = new MlpTrainer(Small with { Dropout = 0 }, Digits.Features, Digits.Classes, seed: 3);

        var first = trainer.TrainEpoch(data.Train);
        var second = trainer.TrainEpoch(data.Train);
        var third = trainer.TrainEpoch(data.Train);

        Assert.True(first > second && second > third, $"losses {first}, {second}, {third}");
    }

    [Fact]
    public void Accuracy_WithDropout_UsesEveryUnitAndIsRepeatable()
    {
        var data = Digits.Split();
        var trainer = new MlpTrainer(Small with { Dropout = 0.5 }, Digits.Features, Digits.Classes, seed: 2);
        trainer.TrainEpoch(data.Train);

        var first = trainer.Accuracy(data.Validation);
        var second = trainer.Accuracy(data.Validation);
        var withoutDropout = trainer.Clone(trainer.Hyperparameters with { Dropout = 0 }).Accuracy(data.Validation);

        Assert.Equal(first, second);
        Assert.Equal(first, withoutDropout);
    }

    [Fact]
    public void Clone_TrainedOnFurther_FollowsTheOriginalExactly()
    {
        var data = Digits.Split();
        var original = new MlpTrainer(Small, Digits.Features, Digits.Classes, seed: 4);
        original.TrainEpoch(data.Train);
        var copy = original.Clone();

        Assert.Equal(original.TrainEpoch(data.Train), copy.TrainEpoch(data.Train));
        Assert.Equal(original.Accuracy(data.Validation), copy.Accuracy(data.Validation));
        Assert.Equal(2, copy.Epochs);
    }

    [Fact]
    public void Clone_NewLearningRate_LeavesTheOriginalAlone()
    {
        var data = Digits.Split();
        var original = new MlpTrainer(Small, Digits.Features, Digits.Classes, seed: 4);
        original.TrainEpoch(data.Train);
        var reference = original.Clone();

        var changed = original.Clone(Small with { LearningRate = 0.05, BatchSize = 64 });
        changed.TrainEpoch(data.Train);

        Assert.Equal(reference.TrainEpoch(data.Train), original.TrainEpoch(data.Train));
        Assert.Equal(64, changed.Hyperparameters.BatchSize);
    }

    [Fact]
    public void Clone_OtherArchitecture_ThrowsNamingWhatMayChange()
    {
        var trainer = new MlpTrainer(Small, Digits.Features, Digits.Classes, seed: 1);

        var error = Assert.Throws<ArgumentException>(() => trainer.Clone(Small with { HiddenUnits = [64] }));

        Assert.Contains("learning rate, batch size, dropout or weight decay", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 32, 0.0, "LearningRate")]
    [InlineData(1e-3, 0, 0.0, "BatchSize")]
    [InlineData(1e-3, 32, 1.0, "Dropout")]
    public void Constructor_OutOfRangeSetting_ThrowsNamingIt(double learningRate, int batchSize, double dropout, string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new MlpTrainer(
            new MlpHyperparameters { LearningRate = learningRate, BatchSize = batchSize, Dropout = dropout },
            Digits.Features,
            Digits.Classes,
            seed: 1));

        Assert.StartsWith(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainEpoch_DataOfAnotherShape_Throws()
    {
        var trainer = new MlpTrainer(Small, features: 3, classes: 2, seed: 1);

        Assert.Throws<ArgumentException>(() => trainer.TrainEpoch(Digits.Split().Train));
    }

    [Fact]
    public void TrainEpoch_NoHiddenLayer_TrainsSoftmaxRegression()
    {
        var data = Digits.Split();
        var trainer = new MlpTrainer(Small with { HiddenUnits = [], LearningRate = 1e-2 }, Digits.Features, Digits.Classes, seed: 1);

        for (var epoch = 0; epoch < 5; epoch++)
        {
            trainer.TrainEpoch(data.Train);
        }

        Assert.Equal((Digits.Features * Digits.Classes) + Digits.Classes, trainer.ParameterCount);
        Assert.True(trainer.Accuracy(data.Validation) > 0.85);
    }
}
