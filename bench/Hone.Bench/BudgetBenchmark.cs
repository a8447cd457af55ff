using System.Diagnostics;
using Hone.Pbt;
using Hone.Pruners;
using Hone.Samplers;
using Hone.Samplers.Bohb;
using Hone.Samplers.Tpe;
using Hone.Studies;
using Hone.Trials;

namespace Hone.Bench;

/// <summary>
/// The budgets benchmark: multi-fidelity strategies at equal epochs on the synthetic <see cref="HyperparameterCurves"/>,
/// strategy × seed, printing the epochs used and the noise-free loss of the configuration each run picks.
/// </summary>
/// <remarks>
/// <para>Every strategy may train <c>--trials × 27</c> epochs in all, what <c>--trials</c> unpruned trials use. The
/// searched strategies run one in-memory study whose objective reports the noisy loss at steps 1..27, asks the pruner
/// after each, and stops the study once the budget is spent; their result is the noise-free final loss of the best
/// complete trial (chosen by its noisy final value). <c>pbt</c> trains 8 members for an eighth of the budget each, an
/// interval of 9 steps at a time; its result is the noise-free loss of the best final member, which trains longer
/// than a trial and may go below the best 27-step loss (printed as <c>optimum</c>).</para>
/// <para>Strategies: <c>random</c> and <c>tpe</c> (no pruning), <c>hb-random</c>, <c>hb-tpe</c> (a TPE sampler per
/// bracket) and <c>bohb</c>, with <see cref="HyperbandPruner"/> (r = 1, R = 27, η = 3), and <c>pbt</c>.</para>
/// </remarks>
internal static class BudgetBenchmark
{
    private static readonly string[] Names = ["random", "tpe", "hb-random", "hb-tpe", "bohb", "pbt"];

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var strategies = args.List("strategies", Names, Names);
        var seeds = args.Int("seeds", 10);
        var trials = args.Int("trials", 60);
        args.RejectUnknown();

        var optimum = HyperparameterCurves.Optimum(HyperparameterCurves.Steps);
        foreach (var strategy in strategies)
        {
            for (var seed = 1; seed <= seeds; seed++)
            {
                var clock = Stopwatch.StartNew();
                var (loss, epochs, count) = strategy == "pbt" ? await PbtAsync(seed, trials).ConfigureAwait(false) : Searched(strategy, seed, trials);
                JsonLine.Write(new
                {
                    Bench = "budgets",
                    Strategy = strategy,
                    Seed = seed,
                    EpochBudget = (long)trials * HyperparameterCurves.Steps,
                    TotalEpochs = epochs,
                    Trials = count,
                    FinalLoss = loss,
                    Optimum = optimum,
                    WallS = clock.Elapsed.TotalSeconds,
                });
            }
        }

        return 0;
    }

    private static (double Loss, long Epochs, int Trials) Searched(string strategy, int seed, int trials)
    {
        var budget = (long)trials * HyperparameterCurves.Steps;
        var hyperband = strategy.StartsWith("hb-", StringComparison.Ordinal) || strategy == "bohb";
        ISampler sampler = strategy switch
        {
            "random" or "hb-random" => new RandomSampler(seed),
            "tpe" => new TpeSampler(new TpeSamplerOptions { Seed = seed }),
            "hb-tpe" => new BracketedSampler(bracket => new TpeSampler(new TpeSamplerOptions { Seed = (seed * 100) + bracket + 1 })),
            "bohb" => new BohbSampler(new BohbSamplerOptions { Seed = seed }),
            _ => throw new BenchUsageException($"Unknown strategy '{strategy}'."),
        };
        var study = Study.Create(new StudyOptions
        {
            Sampler = sampler,
            Pruner = hyperband
                ? new HyperbandPruner(new HyperbandPrunerOptions { MinResource = 1, MaxResource = HyperparameterCurves.Steps, Seed = seed })
                : new NopPruner(),
        });
        long epochs = 0;
        double Objective(Trial trial)
        {
            var parameters = HyperparameterCurves.Space.Suggest(trial);
            var observed = 0.0;
            for (var step = 1; step <= HyperparameterCurves.Steps; step++)
            {
                epochs++;
                observed = HyperparameterCurves.Loss(parameters, step) + HyperparameterCurves.Noise(trial.Number, step);
                trial.Report(observed, step);
                if (epochs >= budget)
                {
                    trial.Study.Stop();
                    if (step < HyperparameterCurves.Steps)
                    {
                        throw new TrialPrunedException();
                    }
                }
                else if (trial.ShouldPrune())
                {
                    throw new TrialPrunedException();
                }
            }

            return observed;
        }

        study.Optimize(Objective, new OptimizeOptions { ShowProgress = false });
        var best = study.BestTrial;
        return (HyperparameterCurves.Loss(best.Params, HyperparameterCurves.Steps), epochs, study.Trials.Count);
    }

    private static async Task<(double Loss, long Epochs, int Trials)> PbtAsync(int seed, int trials)
    {
        const int Population = 8;
        var study = Study.Create();
        var pbt = new PopulationBasedTraining(new PopulationBasedTrainingOptions
        {
            PopulationSize = Population,
            TotalSteps = trials * HyperparameterCurves.Steps / Population,
            Interval = HyperparameterCurves.Steps / 3,
            Seed = seed,
        });
        var result = await pbt.RunAsync(study, HyperparameterCurves.Space, slot => new CurveMember((seed * 1000) + slot)).ConfigureAwait(false);
        return (((CurveMember)result.Best.Model).Loss, result.TrainedSteps, study.Trials.Count);
    }
}
