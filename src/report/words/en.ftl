# The words of reports, bulletins and the site, in English.
# Every message here must also be in fr.ftl and de.ftl (a test checks it).
# Arguments: $n a count; $date, $from, $to, $since dates (YYYY-MM-DD in every language);
# $unit is month, quarter or year; the rest are text from the ledger or built by the program.

## Columns and headings
commitment = Commitment
commitments = Commitments
owner = Owner
status = Status
since = Since
latest-evidence = Latest evidence
due = Due
flags = Flags
funding = Funding
id = Id
title = Title
date = Date
detail = Detail
sources = Sources
source = Source
entry = Entry
evidence = Evidence
# One evidence entry, as a timeline names it.
evidence-entry = Evidence
change = Change
period = Period
total = Total
new = New
changed = Changed
overdue = Overdue
stale = Stale
average-score = Average score
progress = Progress
score = Score
closed = Closed
meaning = Meaning
yes = yes
no = no
tag = Tag
parent = Parent
statuses = Statuses
own-status = Own status
children = Children
childrens-statuses = Children's statuses
weight = Weight
file = File
what-it-holds = What it holds
document = Document
quote = Quote
published = Published
kind = Kind
checked = Checked
searched-not-found = Searched for, not found
gaps = Gaps
timeline = Timeline
timelines = Timelines
totals = Totals
bulletins = Bulletins
data = Data
method = Method
chart-key = Key:
all-commitments = All commitments
default-title = Commitments
not-yet-made = not yet made

## Flags: the marks a reader scans for
flag-overdue = overdue
flag-stale = stale
flag-unsourced = unsourced
flag-gap = gap
flag-retired = retired
unsourced-mark = UNSOURCED
closed-mark = (closed)

## Stages of funding
stage-pledged = Pledged
stage-allocated = Allocated
stage-disbursed = Disbursed
stage-spent = Spent
or = or
nothing-on-record = nothing { $stages } on record

## Notes under tables
flags-note = Flags: overdue = due date passed and not in a closed status; stale = not in a closed status, and nothing in the record (evidence, source, a search recorded as a gap) newer than { $n } days; unsourced = the current status cites no evidence; gap = something was searched for and not found.
scale-note = Status scale and scores: { $scale }.
funding-note = Funding: for each stage (pledged, allocated, disbursed, spent), the latest amount on record up to { $date }; a stage not shown has no amount on record. Amounts are never added across currencies.
roll-up-rule = Roll-up: the parent's direct children that had been made by the date, counted by status; their average score is weighted, Σ(weight × score) / Σ weight, each child's weight 1 unless its `weight:` says otherwise. The parent's own status is its own: the roll-up is shown beside it, never written over it.
average-note = Average score: the mean of the status scores on the ledger's scale. Progress: that average as a percentage of the way from the lowest score to the highest; on the G7 scale (-1 to +1) this is the G7 Research Group's compliance figure, (average + 1) / 2.
method-text = Every status rests on cited evidence: an official statement, a law, a parliamentary record, a court ruling, a dataset or a report, each with its address. A status without evidence is marked unsourced. A search that found nothing is recorded as a gap: silence is a finding. Dates are when things happened according to the evidence.

## Summaries
n-commitments = { $n ->
    [one] { $n } commitment
   *[other] { $n } commitments
}
summary = { $commitments }: { $counts }
# Between the parts of a summary line (a string literal keeps its spaces).
separator = {"; "}
status-count = { $n } { $status }
n-overdue = { $n } overdue
n-stale = { $n } stale
average = average score { $score }

## Status reports and lists
status-as-of = Status as of { $date }
commitments-as-of = Commitments as of { $date }
status-over-time = Status over time
status-on = Status on { $date }
status-on-is = Status on { $date }: { $status }
no-commitments-match = No commitments match.

## Bulletins
where-things-stand = Where things stand on { $date }
what-changed-in = What changed in { $period }
over-time = Over time
period-not-over = { $period } is not over: it is shown as of { $date }.
bulletin-subtitle = Bulletin for { $period }: { $from } to { $to }

## Changes
changes-subtitle = Changes { $window }
window-from-to = from { $from } to { $to }
window-from-to-recorded = from { $from } to { $to }, and entries recorded from { $recorded }
window-recorded = entries recorded from { $recorded } to { $to }
window-to = to { $to }
nothing-changed = Nothing changed, and nothing was found, { $window }.
changes-status-line = { $owner }. Status on { $date }: { $status }
n-status-events = { $n ->
    [one] { $n } status event
   *[other] { $n } status events
}
n-funding-events = { $n ->
    [one] { $n } funding event
   *[other] { $n } funding events
}
n-evidence-entries = { $n ->
    [one] { $n } new evidence entry
   *[other] { $n } new evidence entries
}
n-gaps-recorded = { $n ->
    [one] { $n } gap recorded
   *[other] { $n } gaps recorded
}
became-overdue-and-stale = { $overdue } became overdue and { $stale } became stale
changes-summary = { $parts }, across { $commitments }.
dates-note = Dates are when things happened according to the evidence.
dates-note-recorded = Dates are when things happened according to the evidence; entries recorded in the window are included whenever they happened.
change-gap = Gap recorded
change-overdue = Became overdue
change-stale = Became stale
change-retraction = Retracted: recorded by mistake
change-retired = Retired: no longer tracked
change-corrected = Corrected: { $from } → “{ $to }”
not-set = not set
change-new-evidence = New evidence
change-made = Made: { $status }
change-confirmed = { $status } (confirmed)
due-on = Due { $date }.
stale-detail = Nothing in the record newer than { $date } ({ $n } days).

## Over time (history, report --period)
unit = { $unit ->
    [month] month
    [quarter] quarter
   *[year] year
}
chart-title = { $unit ->
    [month] Commitments in each status at the end of each month
    [quarter] Commitments in each status at the end of each quarter
   *[year] Commitments in each status at the end of each year
}
n-new = { $n } new
n-changed = { $n } changed
history-note = { $unit ->
    [month] Counts are at the end of each month; New = made during it; Changed = moved to another status during it; Overdue and Stale (not closed, and nothing newer than { $n } days) are judged at its end; Progress = the average score as a percentage of the scale.
    [quarter] Counts are at the end of each quarter; New = made during it; Changed = moved to another status during it; Overdue and Stale (not closed, and nothing newer than { $n } days) are judged at its end; Progress = the average score as a percentage of the scale.
   *[year] Counts are at the end of each year; New = made during it; Changed = moved to another status during it; Overdue and Stale (not closed, and nothing newer than { $n } days) are judged at its end; Progress = the average score as a percentage of the scale.
}
history-counts-heading = { $unit ->
    [month] Status counts by month
    [quarter] Status counts by quarter
   *[year] Status counts by year
}
history-flow-heading = { $unit ->
    [month] Made, changed, overdue and stale, by month
    [quarter] Made, changed, overdue and stale, by quarter
   *[year] Made, changed, overdue and stale, by year
}
history-subtitle = { $unit ->
    [month] History by month, { $from } to { $to }
    [quarter] History by quarter, { $from } to { $to }
   *[year] History by year, { $from } to { $to }
}
over-time-note = { $unit ->
    [month] Each column is the status at the end of the month; + made during it, * moved to another status during it. Flags are as of { $date }: overdue (due date passed, not closed), stale (not closed, and nothing newer than { $n } days).
    [quarter] Each column is the status at the end of the quarter; + made during it, * moved to another status during it. Flags are as of { $date }: overdue (due date passed, not closed), stale (not closed, and nothing newer than { $n } days).
   *[year] Each column is the status at the end of the year; + made during it, * moved to another status during it. Flags are as of { $date }: overdue (due date passed, not closed), stale (not closed, and nothing newer than { $n } days).
}
over-time-subtitle = { $unit ->
    [month] Status at the end of each month, { $from } to { $to }
    [quarter] Status at the end of each quarter, { $from } to { $to }
   *[year] Status at the end of each year, { $from } to { $to }
}

## Roll-ups (report --by)
by-owner-as-of = By owner, as of { $date }
by-tag-as-of = By tag, as of { $date }
by-status-as-of = By status, as of { $date }
by-parent-as-of = By parent, as of { $date }
no-children = No commitment has children: give one with `add ID --parent PARENT_ID` or a `parent:` line.

## A commitment's record and timeline
record-owner = Owner: { $owner }
record-partners = Partners: { $partners }
record-made = Made: { $date }
record-due = Due: { $date }
record-funding-on = Funding on { $date }: { $funding }
record-funding = Funding: { $funding }
record-tags = Tags: { $tags }
record-status = Status on { $date }: { $status } since { $since }
record-source = Source: { $source }
retracted = Retracted: { $what }
retired = Retired
no-longer-tracked = No longer tracked: { $reason }
corrected = Corrected: { $what }
funding-stage = Funding: { $stage }
gap-checked = Gap (checked { $date }): { $note }
gap-note = Gap: { $note }
no-evidence = No evidence recorded.
no-gaps = No gaps recorded.
due-event = Due: { $what }

## The site
nav-status = Status
nav-method = Method
nav-feed = Changes (Atom)
nav-calendar = Due dates (iCalendar)
download-commitments-csv = Every commitment's status today, one row each (report --format csv)
download-commitments-json = The same with the scale, as JSON (report --format json)
download-periods-csv = The status at the end of each quarter, one row per commitment and quarter
download-history-csv = Status counts at the end of each quarter
download-changes-csv = Every change, one row per change and source
download-datapackage = What each CSV column holds and its type (a Frictionless Data Package)
method-title = Method — { $title }
method-subtitle = How statuses, scores and flags are decided
footer = Made with { $program } from the ledger's own record: every status cites its evidence, and the statuses, scores and flags are those stated on this page.

## Notes under roll-ups
tag-note = A commitment with several tags is counted under each of them; the last row counts each commitment once.
group-funding-note = Each group's figure is the sum of its commitments' figures, per currency.

## show: one commitment in the terminal
field = Field
value = Value
partners = Partners
made = Made
tags = Tags
description = Description
notes = Notes
what = What
child = Child
retired-field = since { $date }: { $reason } (no longer tracked; reports leave it out unless given --include-retired)
funding-as-of = { $funding } (as of { $date })
status-since-as-of = { $status } since { $since } (as of { $date })
not-yet-made-on = not yet made on { $date }
rests-on = rests on: { $ids }
recorded-by = recorded by { $by }
accessed-on = { $date } (accessed)
undated = undated
show-evidence = evidence
show-retired = retired
show-retracted = retracted: { $what }
show-corrected = corrected: { $what }
show-funding = funding: { $stage }
children-n = Children ({ $n }):
gaps-heading = Gaps (searched for, not found):
checked-on = (checked { $date })
weighted-average = weighted average score { $score }
children-on = Children on { $date }: { $n } ({ $counts }){ $average }.

## Kinds of evidence (in English, the keys the file writes)
kind-official-statement = official-statement
kind-legislation = legislation
kind-parliament = parliament
kind-court = court
kind-media = media
kind-ngo-report = ngo-report
kind-dataset = dataset
kind-other = other

## Retired commitments shown because they were asked for (--include-retired)
retired-note = { $n ->
    [one] retired = no longer tracked (its own record says since when and why); { $n } retired commitment is shown because the report was asked to include retired ones, and counted in the totals above.
   *[other] retired = no longer tracked (its own record says since when and why); { $n } retired commitments are shown because the report was asked to include retired ones, and counted in the totals above.
}
over-time-retired-note = retired = no longer tracked by the end date (its own record says since when and why); { $n } shown because the report was asked to include retired commitments.
rollup-retired-note = { $n ->
    [one] { $n } retired commitment (no longer tracked) is counted in these groups because the report was asked to include retired ones.
   *[other] { $n } retired commitments (no longer tracked) are counted in these groups because the report was asked to include retired ones.
}
