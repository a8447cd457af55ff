using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hone.Numerics;

namespace Hone.Tests.Numerics;

public class VectorMathTests
{
    [Property]
    public Property Dot_AnyLength_MatchesTheScalarSum() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, 67)), n =>
        {
            var x = Enumerable.Range(0, n).Select(i => Math.Sin(i)).ToArray();
            var y = Enumerable.Range(0, n).Select(i => Math.Cos(3 * i)).ToArray();
            var expected = x.Zip(y, (a, b) => a * b).Sum();
            return Math.Abs(VectorMath.Dot(x, y) - expected) < 1e-12;
        });

    [Property]
    public Property AddScaled_AnyLength_MatchesTheScalarUpdate() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, 67)), n =>
        {
            var x = Enumerable.Range(0, n).Select(i => Math.Sin(i)).ToArray();
            var y = Enumerable.Range(0, n).Select(i => Math.Cos(3 * i)).ToArray();
            var expected = x.Zip(y, (a, b) => b + (2.5 * a)).ToArray();
            VectorMath.AddScaled(2.5, x, y);
            return expected.Zip(y, (a, b) => Math.Abs(a - b) < 1e-12).All(ok => ok);
        });
}
