#!/bin/sh
# A dependency-free objective for `hone run`: a shifted quadratic in x and y (minimum 0 at x=1, y=-2) that "trains"
# for three steps, reporting a value each step, then prints its result. Usage: objective.sh X Y
set -eu
x=$1
y=$2
for step in 0 1 2; do
    awk -v x="$x" -v y="$y" -v s="$step" 'BEGIN { printf "hone: report %.9g step=%d\n", ((x - 1) ^ 2 + (y + 2) ^ 2) * (1 + 1 / (s + 1)), s }'
done
awk -v x="$x" -v y="$y" 'BEGIN { printf "hone: result %.9g\n", (x - 1) ^ 2 + (y + 2) ^ 2 }'
