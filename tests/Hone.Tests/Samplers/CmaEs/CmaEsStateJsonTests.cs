using Hone.Numerics;
using Hone.Samplers.CmaEs;

namespace Hone.Tests.Samplers.CmaEs;

public class CmaEsStateJsonTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Read_OfWrite_GivesTheSameStateBitForBit(bool separable, bool margin)
    {
        var state = new CmaEsState(4, separable, 8, [0.1, 0.2, 0.3, 0.4], 0.2, null) { Seed = -42 };
        if (margin)
        {
            state.MarginScale = [1, 1.5, 1, 0.25];
        }

        var p = new CmaEsParameters(4, 8, separable);
        var random = new SplitMix64(9, 0);
        for (var g = 0; g < 5; g++)
        {
            state.Tell(CmaEsStateTests.Evaluate(state, ref random, x => CmaEsStateTests.Ellipsoid(x, 1 / 3.0)), p);
        }

        CmaEsRestarts.Restart(state, CmaEsRestartStrategy.Bipop, 2, 0.2, "tolx");
        state.Tell(CmaEsStateTests.Evaluate(state, ref random, x => CmaEsStateTests.Ellipsoid(x, 1 / 3.0)), new CmaEsParameters(4, state.PopulationSize, separable));
        var json = CmaEsStateJson.Write(state);

        var read = CmaEsStateJson.Read(json);

        Assert.Equal(json, CmaEsStateJson.Write(read));
        Assert.Equal(state.Mean, read.Mean);
        Assert.Equal(state.Covariance, read.Covariance);
        Assert.Equal(state.BestHistory, read.BestHistory);
        Assert.Equal("tolx", read.LastStopReason);
        Assert.Equal(-42, read.Seed);
        Assert.Equal(margin, read.MarginScale is not null);
        Assert.Equal(state.Decomposition().Axes, read.Decomposition().Axes);
        Assert.Equal(state.Decomposition().Scales, read.Decomposition().Scales);
    }

    [Fact]
    public void Read_BinaryOfLayout2_ReadsEveryFieldAndDecomposesItsCovariance()
    {
        // Written by the layout-2 writer (before the decomposition was saved): 3-D, four generations on an ellipsoid.
        const string text = "AgAAAAMAAAAABgAAAAYAAAAEAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAcAAAAAAAAAmpmZmZmZyT/xjQW8kL3PP5fb4RWdts6/vhg5o0j01j8TXG3vqYHFP3/hIirlfO+/wNbXZC8m3L/IwYuCjQr+v/c22Owlcu+/5s01WjY217/YbrUSG0v6vxXMfaN1G/o/RMdZ8Pcxtb9OjRUYbVXrP2TQcYNw6+I/VT8QKIxXrD8du5lL8N7zPwQAAABi3FZPUPD1P+sth7iOlPA/OpXayDkR5T9L0ZiD5mXVPwQAAABsG10d+Y8CQJEVSHQfm/0/PUjeAlY19D+Kq14cluvpP/////8=";

        var state = CmaEsStateJson.Read(text);

        Assert.Equal([-0.2399479252669294, 0.3586598962759914, 0.16801952544003082], state.Mean);
        Assert.Equal((4L, 0.24797257595774583, 7L), (state.Generation, state.Sigma, state.Seed));
        var (scales, axes) = state.Decomposition();
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                var c = 0.0;
                for (var k = 0; k < 3; k++)
                {
                    c += axes[(i * 3) + k] * scales[k] * scales[k] * axes[(j * 3) + k];
                }

                Assert.Equal(state.Covariance[(i * 3) + j], c, 1e-12);
            }
        }

        var rewritten = CmaEsStateJson.Read(CmaEsStateJson.Write(state));
        Assert.Equal(axes, rewritten.Decomposition().Axes);
        Assert.Equal(scales, rewritten.Decomposition().Scales);
    }

    [Fact]
    public void Read_OfWrite_KeepsTheGenerationsFirstTrial()
    {
        var state = new CmaEsState(3, false, 6, [0.5, 0.5, 0.5], 0.2, null) { FirstTrial = 1234 };

        var read = CmaEsStateJson.Read(CmaEsStateJson.Write(state));

        Assert.Equal(1234, read.FirstTrial);
    }

    [Fact]
    public void Read_BinaryOfLayout3_LeavesTheFirstTrialUnknown()
    {
        // Layout 3 is layout 4 without the first trial's number, the 8 bytes after the seed.
        const int FirstTrialOffset = 4 + 4 + 1 + (5 * sizeof(int)) + (5 * sizeof(long));
        var state = new CmaEsState(3, false, 6, [0.25, 0.5, 0.75], 0.2, null) { Seed = 9, FirstTrial = 77 };
        var bytes = Convert.FromBase64String(CmaEsStateJson.Write(state)).ToList();
        bytes.RemoveRange(FirstTrialOffset, sizeof(long));
        bytes[0] = 3;

        var read = CmaEsStateJson.Read(Convert.ToBase64String([.. bytes]));

        Assert.Equal(-1, read.FirstTrial);
        Assert.Equal(9, read.Seed);
        Assert.Equal(state.Mean, read.Mean);
        Assert.Equal(state.Decomposition().Axes, read.Decomposition().Axes);
    }

    [Fact]
    public void Read_JsonOfAnEarlierVersion_ReadsEveryField()
    {
        const string json = """
            {"version":1,"dimension":2,"separable":false,"generation":7,"runGeneration":3,"restarts":1,"populationSize":12,
            "basePopulationSize":6,"initialSigma":0.2,"sigma":0.05,"mean":[0.25,0.75],"pathSigma":"mpmZmZmZuT+amZmZmZnJvw==",
            "pathC":"MzMzMzMz0z+amZmZmZnZPw==","covariance":"AAAAAAAA+D8AAAAAAADQPwAAAAAAAABA","bestHistory":"","medianHistory":"",
            "smallRegime":true,"largeRestarts":0,"largeEvaluations":30,"smallEvaluations":0,"lastLargeRunEvaluations":30,"seed":5,
            "lastStopReason":"tolfun"}
            """;

        var state = CmaEsStateJson.Read(json);

        Assert.Equal([0.25, 0.75], state.Mean);
        Assert.Equal([1.5, 0.25, 0.25, 2.0], state.Covariance);
        Assert.Equal([0.1, -0.2], state.PathSigma);
        Assert.Equal([0.3, 0.4], state.PathC);
        Assert.Equal((7L, 3, 1, 12, 6, 0.05, "tolfun"), (state.Generation, state.RunGeneration, state.Restarts, state.PopulationSize, state.BasePopulationSize, state.Sigma, state.LastStopReason));
        Assert.True(state.SmallRegime);
        Assert.Equal(state.Mean, CmaEsStateJson.Read(CmaEsStateJson.Write(state)).Mean);
    }

    [Fact]
    public void Unpack_OfPack_GivesTheSameDoublesBitForBit()
    {
        double[] values = [0.1, -0.0, double.Epsilon, 1e308, -123.456, 1 / 3.0];

        var back = CmaEsStateJson.Unpack(CmaEsStateJson.Pack(values));

        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), back.Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void Unpack_ForeignText_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => CmaEsStateJson.Unpack(text));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"version\":1}")]
    [InlineData("{\"version\":99}")]
    [InlineData("AgAAAA==")]
    [InlineData("AwAAAAIAAAA=")]
    public void Read_ForeignText_ThrowsInvalidOperation(string json)
    {
        var error = Assert.Throws<InvalidOperationException>(() => CmaEsStateJson.Read(json));

        Assert.Contains("CMA-ES state", error.Message, StringComparison.Ordinal);
    }
}
