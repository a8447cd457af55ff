using Hone.Distributions;

namespace Hone.Samplers.Tpe;

/// <summary>
/// The values of one parameter (name and distribution) across the finished trials of a history, in kernel space,
/// with the trials that have it kept sorted by value. Extended as trials finish, never rebuilt.
/// </summary>
internal sealed class ObservationColumn
{
    private readonly string _name;
    private readonly Distribution _distribution;
    private readonly List<int> _ascending = [];
    private readonly List<double> _ascendingValues = [];
    private double[] _values = [];
    private int _filled;

    public ObservationColumn(string name, Distribution distribution)
    {
        _name = name;
        _distribution = distribution;
        Parameter = new ParzenParameter(distribution);
    }

    /// <summary>The parameter's kernel space.</summary>
    public ParzenParameter Parameter { get; }

    /// <summary>Normalizers of this parameter's univariate kernels, by row.</summary>
    public KernelMassCache Masses { get; } = new();

    /// <summary>The rows that have the parameter, by ascending value (ties by trial number); numerical parameters only.</summary>
    public ReadOnlySpan<int> Ascending => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_ascending);

    /// <summary>The values of <see cref="Ascending"/>'s rows, in the same order, for sequential reads.</summary>
    public ReadOnlySpan<double> AscendingValues => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_ascendingValues);

    /// <summary>The value of each row in kernel space, NaN where absent.</summary>
    public ReadOnlySpan<double> Values => _values.AsSpan(0, _filled);

    /// <summary>The value of a row in kernel space, or NaN when its trial lacks the parameter or has it with another distribution.</summary>
    public double Value(int row) => _values[row];

    /// <summary>Reads the rows the history gained since the last call.</summary>
    public void Extend(ObservationHistory history)
    {
        if (_filled == history.Count)
        {
            return;
        }

        if (_values.Length < history.Count)
        {
            Array.Resize(ref _values, Math.Max(history.Count, _values.Length * 2));
        }

        for (var row = _filled; row < history.Count; row++)
        {
            var value = Read(history.Trial(row).Params);
            _values[row] = value;
            if (!double.IsNaN(value) && !Parameter.IsCategorical)
            {
                var position = InsertionPoint(history, value, history.Number(row));
                _ascending.Insert(position, row);
                _ascendingValues.Insert(position, value);
            }
        }

        _filled = history.Count;
    }

    /// <summary>The kernel-space value of this parameter in a parameter set, or NaN.</summary>
    public double Read(Trials.ParameterSet parameters) =>
        parameters.TryGet(_name, out var distribution, out var value) && distribution.Equals(_distribution)
            ? Parameter.ToModel(value)
            : double.NaN;

    private int InsertionPoint(ObservationHistory history, double value, int number)
    {
        int low = 0, high = _ascending.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            var other = _ascending[middle];
            var otherValue = _ascendingValues[middle];
            if (otherValue < value || (otherValue == value && history.Number(other) < number))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
