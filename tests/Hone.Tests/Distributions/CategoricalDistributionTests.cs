using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Distributions;
using Hone.Tests.TestSupport;

namespace Hone.Tests.Distributions;

public class CategoricalDistributionTests
{
    [Fact]
    public void Constructor_NoChoices_ThrowsAskingForValues()
    {
        var error = Assert.Throws<ArgumentException>(() => new CategoricalDistribution([]));
        Assert.Contains("at least one value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnsupportedChoiceType_ThrowsNamingTypeAndValue()
    {
        var error = Assert.Throws<ArgumentException>(() => new CategoricalDistribution(["a", new Uri("http://x.test/")]));
        Assert.Contains("Uri", error.Message, StringComparison.Ordinal);
        Assert.Contains("http://x.test/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NonFiniteChoice_ThrowsSuggestingAString()
    {
        var error = Assert.Throws<ArgumentException>(() => new CategoricalDistribution([1.0, double.PositiveInfinity]));
        Assert.Contains("finite", error.Message, StringComparison.Ordinal);
        Assert.Contains("Infinity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NumbersAndEnums_AreNormalized()
    {
        var distribution = new CategoricalDistribution([1, 2.5f, 3m, DayOfWeek.Monday, (byte)7]);

        Assert.Equal<object?>([1L, 2.5, 3.0, "Monday", 7L], distribution.Choices);
    }

    [Fact]
    public void ToInternal_ValueNotAChoice_ThrowsListingTheChoices()
    {
        var distribution = new CategoricalDistribution(["adam", 1, null]);

        var error = Assert.Throws<ArgumentException>(() => distribution.ToInternal("sgd"));

        Assert.Contains("'\"sgd\"'", error.Message, StringComparison.Ordinal);
        Assert.Contains("[\"adam\", 1, null]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToInternal_IntegerAndRealOfSameValue_AreDifferentChoices()
    {
        var distribution = new CategoricalDistribution([1, 1.0]);

        Assert.Equal(0, distribution.ToInternal(1));
        Assert.Equal(1, distribution.ToInternal(1.0));
    }

    [Fact]
    public void Contains_IndexOutOfRangeOrFractional_IsFalse()
    {
        var distribution = new CategoricalDistribution(["a", "b"]);

        Assert.True(distribution.Contains(1));
        Assert.False(distribution.Contains(2));
        Assert.False(distribution.Contains(-1));
        Assert.False(distribution.Contains(0.5));
    }

    [Fact]
    public void IsSingle_OneChoice_IsTrue()
    {
        Assert.True(new CategoricalDistribution(["only"]).IsSingle());
        Assert.False(new CategoricalDistribution(["a", "b"]).IsSingle());
    }

    [Property]
    public Property ToInternal_ThenToExternal_ReturnsTheChoice() =>
        Prop.ForAll(Arb.From(DistributionGenerators.Categorical), distribution =>
        {
            foreach (var choice in distribution.Choices)
            {
                var index = distribution.ToInternal(choice);
                Assert.True(distribution.Contains(index));
                Assert.Equal(choice, distribution.ToExternal(index));
            }
        });

    [Property]
    public Property Equals_EqualChoices_EqualWithSameHash() =>
        Prop.ForAll(Arb.From(DistributionGenerators.Categorical), distribution =>
        {
            var copy = new CategoricalDistribution([.. distribution.Choices]);
            Assert.Equal(distribution, copy);
            Assert.True(distribution == copy);
            Assert.Equal(distribution.GetHashCode(), copy.GetHashCode());
            Assert.True(((Distribution)distribution).Equals(copy));
        });

    [Fact]
    public void Equals_DifferentOrderKindOrLength_IsFalse()
    {
        var distribution = new CategoricalDistribution(["a", "b"]);

        Assert.NotEqual(distribution, new CategoricalDistribution(["b", "a"]));
        Assert.NotEqual(distribution, new CategoricalDistribution(["a", "b", "c"]));
        Assert.NotEqual(new CategoricalDistribution([1]), new CategoricalDistribution([1.0]));
        Assert.NotEqual(new CategoricalDistribution([1]), new CategoricalDistribution(["1"]));
    }
}
