using Hone.Numerics;

namespace Hone.Tests.Numerics;

public class SobolDirectionNumbersTests
{
    [Fact]
    public void Table_EveryRow_IsADistinctPrimitivePolynomialInDegreeOrder()
    {
        var seen = new HashSet<(int, int)>();
        for (var d = 1; d < SobolDirectionNumbers.MaxDimension; d++)
        {
            var degree = SobolDirectionNumbers.Degrees[d];
            var a = SobolDirectionNumbers.Coefficients[d];

            Assert.True(degree >= SobolDirectionNumbers.Degrees[d - 1], $"dimension {d + 1}: degrees must not decrease");
            Assert.InRange(a, 0, (1 << (degree - 1)) - 1);
            Assert.True(seen.Add((degree, a)), $"dimension {d + 1} repeats a polynomial");

            // x^s + c_1 x^(s-1) + ... + c_(s-1) x + 1, with the c_i the bits of a.
            Assert.True(IsPrimitive((1 << degree) | (a << 1) | 1, degree), $"dimension {d + 1}: polynomial (s={degree}, a={a}) is not primitive");
        }
    }

    [Fact]
    public void Table_InitialNumbers_AreOddAndBelowTheirPowerOfTwo()
    {
        Assert.Empty(SobolDirectionNumbers.InitialNumbers[0]);
        for (var d = 1; d < SobolDirectionNumbers.MaxDimension; d++)
        {
            var m = SobolDirectionNumbers.InitialNumbers[d];
            Assert.Equal(SobolDirectionNumbers.Degrees[d], m.Length);
            for (var k = 0; k < m.Length; k++)
            {
                Assert.True(m[k] % 2 == 1 && m[k] < 1 << (k + 1), $"dimension {d + 1}: m_{k + 1} = {m[k]}");
            }
        }
    }

    [Fact]
    public void Table_FirstRows_MatchThePublishedOnes()
    {
        // Rows 2, 3, 10 and 1024 of new-joe-kuo-6.21201.
        Assert.Equal("1 0 1", Row(1));
        Assert.Equal("2 1 1 3", Row(2));
        Assert.Equal("5 7 1 1 7 11 19", Row(9));
        Assert.Equal("13 3538 1 1 5 11 11 33 37 29 263 1019 657 1453 7807", Row(1023));
    }

    private static string Row(int d) =>
        $"{SobolDirectionNumbers.Degrees[d]} {SobolDirectionNumbers.Coefficients[d]} {string.Join(' ', SobolDirectionNumbers.InitialNumbers[d])}";

    /// <summary>Whether x has multiplicative order 2^s - 1 modulo the polynomial (bit i = coefficient of x^i) over GF(2).</summary>
    private static bool IsPrimitive(int polynomial, int degree)
    {
        var order = (1L << degree) - 1;
        if (PowerOfX(order, polynomial, degree) != 1)
        {
            return false;
        }

        for (long q = 2, rest = order; q <= rest; q++)
        {
            if (rest % q == 0)
            {
                if (PowerOfX(order / q, polynomial, degree) == 1)
                {
                    return false;
                }

                while (rest % q == 0)
                {
                    rest /= q;
                }
            }
        }

        return true;
    }

    private static int PowerOfX(long exponent, int polynomial, int degree)
    {
        int result = 1, power = degree == 1 ? polynomial ^ (1 << degree) : 2;
        for (; exponent > 0; exponent >>= 1)
        {
            if ((exponent & 1) != 0)
            {
                result = MultiplyMod(result, power, polynomial, degree);
            }

            power = MultiplyMod(power, power, polynomial, degree);
        }

        return result;
    }

    private static int MultiplyMod(int a, int b, int polynomial, int degree)
    {
        var product = 0;
        for (; b != 0; b >>= 1)
        {
            if ((b & 1) != 0)
            {
                product ^= a;
            }

            a <<= 1;
            if ((a & (1 << degree)) != 0)
            {
                a ^= polynomial;
            }
        }

        return product;
    }
}
