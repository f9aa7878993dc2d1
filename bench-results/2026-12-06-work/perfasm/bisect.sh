#!/bin/bash
# The single-item bisection of the deposit CAS's stall (results.md): the floor's code on the
# library's objects with one of the entry's checks put back. SCRATCH: a worktree at a55c042 with
# scratch.diff applied and built (mvn -o -q -pl channels-bench -am -DskipTests -Djcstress.skip package).
here=$(cd "$(dirname "$0")" && pwd)
for r in 1 2 3; do
 for v in none: intr:-Dx.fc.intr=true batch:-Dx.fc.batch=true echo:-Dx.fc.echo=true store:-Dx.fc.store=true; do
  n=${v%%:*}; a=${v#*:}
  "$here/run1.sh" "${SCRATCH:?}" channelsFloorCode-busySpin bis-$n-$r $a | head -2 | tr '\n' ' '; echo
 done
done
