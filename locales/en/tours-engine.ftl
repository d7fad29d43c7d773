# Messages of the tours engine, whatever shows them (app or command line).

## Why a tour is not offered on a space (TourSummary.unavailableReason)
tour-unavailable-app = This tour needs an app your space does not offer. The people who run your space can enable it.
tour-unavailable-version = This tour was written for another Nextcloud version than the one of your space.
tour-unavailable-admin = This tour is for the administrators of your space.

## Checks
tour-check-offline = Your space cannot be reached right now. The check will run again when it is back.
# $evidence: what was found, for example “/Bureau”.
tour-check-done = Done: { $evidence }

## States
tour-status-new = not started
tour-status-in-progress = in progress
tour-status-done = done
tour-step-state-seen = seen
tour-step-state-done = done
tour-step-state-skipped = skipped
tour-step-state-none = not reached

## passerelle-cli tours
# $count: number of tours checked.
cli-tours-valid = { $count ->
    [one] One tour checked: no problem.
   *[other] { $count } tours checked: no problem.
}
# $count: number of problems.
cli-tours-problems = { $count ->
    [one] One problem found.
   *[other] { $count } problems found.
}
cli-tours-none = No tours.
cli-tours-source-bundled = bundled
cli-tours-source-pack = pack
# $minutes: estimated duration.
cli-tours-minutes = { $minutes } min
# $reason: why (a sentence).
cli-tours-unavailable = not offered here: { $reason }
cli-tours-hidden = hidden by the person
# $name: the profile name that was not found.
cli-tours-no-profile = No profile named “{ $name }” on this computer.
