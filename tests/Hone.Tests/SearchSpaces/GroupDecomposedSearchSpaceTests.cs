using Hone.SearchSpaces;
using Hone.Studies;

namespace Hone.Tests.SearchSpaces;

public class GroupDecomposedSearchSpaceTests
{
    [Fact]
    public void Calculate_TwoBranches_GivesTheSharedGroupAndOneGroupPerBranch()
    {
        var study = Study.Create();
        IntersectionSearchSpaceTests.Tell(study, t => { t.SuggestCategorical("model", ["svm", "tree"]); t.SuggestFloat("c", 1e-3, 1, log: true); t.SuggestFloat("gamma", 1e-3, 1); });
        IntersectionSearchSpaceTests.Tell(study, t => { t.SuggestCategorical("model", ["svm", "tree"]); t.SuggestInt("depth", 1, 9); });
        IntersectionSearchSpaceTests.Tell(study, t => { t.SuggestCategorical("model", ["svm", "tree"]); t.SuggestFloat("c", 1e-3, 1, log: true); t.SuggestFloat("gamma", 1e-3, 1); });

        var groups = new GroupDecomposedSearchSpace().Calculate(study);

        Assert.Equal([["c", "gamma"], ["depth"], ["model"]], groups.Select(g => g.Keys.ToArray()));
    }

    [Fact]
    public void Calculate_ParameterWithTwoDistributions_LeavesTheGroups()
    {
        var study = Study.Create();
        IntersectionSearchSpaceTests.Tell(study, t => { t.SuggestFloat("x", 0, 1); t.SuggestFloat("y", 0, 1); });
        IntersectionSearchSpaceTests.Tell(study, t => { t.SuggestFloat("x", 0, 2); t.SuggestFloat("y", 0, 1); });

        var groups = new GroupDecomposedSearchSpace().Calculate(study);

        Assert.Equal([["y"]], groups.Select(g => g.Keys.ToArray()));
    }

    [FsCheck.Xunit.Property(MaxTest = 50)]
    public bool Calculate_RandomSubsets_GroupsPartitionTheNamesAndNeverSplitATrial(bool[][] masks)
    {
        var study = Study.Create();
        var names = new[] { "a", "b", "c", "d", "e" };
        foreach (var mask in masks)
        {
            IntersectionSearchSpaceTests.Tell(study, t =>
            {
                for (var i = 0; i < names.Length && i < mask.Length; i++)
                {
                    if (mask[i])
                    {
                        t.SuggestFloat(names[i], 0, 1);
                    }
                }
            });
        }

        var groups = new GroupDecomposedSearchSpace().Calculate(study).Select(g => g.Keys.ToHashSet()).ToList();
        var all = groups.SelectMany(g => g).ToList();
        var used = study.Trials.SelectMany(t => t.Params.Keys).Distinct().ToList();
        var partition = all.Count == all.Distinct().Count() && all.Order().SequenceEqual(used.Order());
        var consistent = study.Trials.All(t => groups.All(g => g.All(t.Params.ContainsKey) || !g.Any(t.Params.ContainsKey)));
        return partition && consistent;
    }
}
