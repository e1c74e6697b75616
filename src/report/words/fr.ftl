# Les mots des rapports, des bulletins et du site, en français.
# Chaque message de en.ftl doit figurer ici (un test le vérifie).

## Colonnes et titres
commitment = Engagement
commitments = Engagements
owner = Responsable
status = Statut
since = Depuis
latest-evidence = Dernière preuve
due = Échéance
flags = Alertes
funding = Financement
id = Id
title = Intitulé
date = Date
detail = Détail
sources = Sources
source = Source
entry = Entrée
evidence = Preuves
# One evidence entry, as a timeline names it.
evidence-entry = Preuve
change = Changement
period = Période
total = Total
new = Nouveaux
changed = Modifiés
overdue = En retard
stale = À actualiser
average-score = Score moyen
progress = Avancement
score = Score
closed = Clos
meaning = Signification
yes = oui
no = non
tag = Étiquette
parent = Engagement parent
statuses = Statuts
own-status = Statut propre
children = Sous-engagements
childrens-statuses = Statuts des sous-engagements
weight = Poids
file = Fichier
what-it-holds = Contenu
document = Document
quote = Citation
published = Publié
kind = Type
checked = Vérifié
searched-not-found = Recherché, non trouvé
gaps = Lacunes
timeline = Chronologie
timelines = Chronologies
totals = Totaux
bulletins = Bulletins
data = Données
method = Méthode
chart-key = Légende :
all-commitments = Tous les engagements
default-title = Engagements
not-yet-made = pas encore pris

## Alertes : les marques que le lecteur repère
flag-overdue = en retard
flag-stale = à actualiser
flag-unsourced = sans source
flag-gap = lacune
flag-retired = clôturé
unsourced-mark = SANS SOURCE
closed-mark = (clos)

## Étapes du financement
stage-pledged = Promis
stage-allocated = Alloué
stage-disbursed = Décaissé
stage-spent = Dépensé
or = ou
nothing-on-record = aucun montant { $stages } consigné

## Notes sous les tableaux
flags-note = Alertes : en retard = échéance dépassée sans que le statut soit clos ; à actualiser = statut non clos, et rien dans le dossier (preuve, source, recherche consignée comme lacune) de plus récent que { $n } jours ; sans source = le statut actuel ne cite aucune preuve ; lacune = une recherche n'a rien trouvé.
scale-note = Échelle des statuts et scores : { $scale }.
funding-note = Financement : pour chaque étape (promis, alloué, décaissé, dépensé), le dernier montant consigné jusqu'au { $date } ; une étape absente n'a aucun montant consigné. Les montants ne sont jamais additionnés d'une devise à l'autre.
roll-up-rule = Agrégation : les sous-engagements directs de l'engagement parent pris à la date, comptés par statut ; leur score moyen est pondéré, Σ(poids × score) / Σ poids, chaque sous-engagement pesant 1 sauf si son `weight:` en dispose autrement. Le statut du parent reste le sien : l'agrégation figure à côté, sans jamais le remplacer.
average-note = Score moyen : la moyenne des scores des statuts sur l'échelle du registre. Avancement : cette moyenne exprimée en pourcentage du chemin entre le score le plus bas et le plus haut ; sur l'échelle du G7 (-1 à +1), c'est le taux de conformité du G7 Research Group, (moyenne + 1) / 2.
method-text = Chaque statut repose sur des preuves citées : une déclaration officielle, une loi, un compte rendu parlementaire, une décision de justice, un jeu de données ou un rapport, chacun avec son adresse. Un statut sans preuve est signalé « sans source ». Une recherche restée sans résultat est consignée comme lacune : le silence est aussi un constat. Les dates sont celles des faits selon les preuves.

## Résumés
n-commitments = { $n ->
    [one] { $n } engagement
   *[other] { $n } engagements
}
summary = { $commitments } : { $counts }
# Between the parts of a summary line (a string literal keeps its spaces).
separator = {"\u00A0; "}
status-count = { $n } { $status }
n-overdue = { $n } en retard
n-stale = { $n } à actualiser
average = score moyen { $score }

## Rapports de statut et listes
status-as-of = Statut au { $date }
commitments-as-of = Engagements au { $date }
status-over-time = Évolution des statuts
status-on = Statut au { $date }
status-on-is = Statut au { $date } : { $status }
no-commitments-match = Aucun engagement ne correspond.

## Bulletins
where-things-stand = Situation au { $date }
what-changed-in = Ce qui a changé en { $period }
over-time = Dans la durée
period-not-over = { $period } n'est pas terminé : il est présenté au { $date }.
bulletin-subtitle = Bulletin { $period } : du { $from } au { $to }

## Changements
changes-subtitle = Changements { $window }
window-from-to = du { $from } au { $to }
window-from-to-recorded = du { $from } au { $to }, et entrées consignées depuis le { $recorded }
window-recorded = entrées consignées du { $recorded } au { $to }
window-to = jusqu'au { $to }
nothing-changed = Rien n'a changé et rien n'a été trouvé { $window }.
changes-status-line = { $owner }. Statut au { $date } : { $status }
n-status-events = { $n ->
    [one] { $n } changement de statut
   *[other] { $n } changements de statut
}
n-funding-events = { $n ->
    [one] { $n } mouvement de financement
   *[other] { $n } mouvements de financement
}
n-evidence-entries = { $n ->
    [one] { $n } nouvelle preuve
   *[other] { $n } nouvelles preuves
}
n-gaps-recorded = { $n ->
    [one] { $n } lacune consignée
   *[other] { $n } lacunes consignées
}
became-overdue-and-stale = { $overdue ->
    [one] { $overdue } passé
   *[other] { $overdue } passés
} en retard et { $stale } à actualiser
changes-summary = { $parts }, pour { $commitments }.
dates-note = Les dates sont celles des faits selon les preuves.
dates-note-recorded = Les dates sont celles des faits selon les preuves ; les entrées consignées pendant la période sont incluses quelle que soit la date des faits.
change-gap = Lacune consignée
change-overdue = Passé en retard
change-stale = À actualiser
change-retraction = Retiré : consigné par erreur
change-retired = Clôturé : n'est plus suivi
change-corrected = Corrigé : { $from } → « { $to } »
not-set = non renseigné
change-new-evidence = Nouvelle preuve
change-made = Pris : { $status }
change-confirmed = { $status } (confirmé)
due-on = Échéance le { $date }.
stale-detail = Rien dans le dossier de plus récent que le { $date } ({ $n } jours).

## Dans la durée (history, report --period)
unit = { $unit ->
    [month] mois
    [quarter] trimestre
   *[year] année
}
chart-title = { $unit ->
    [month] Engagements dans chaque statut à la fin de chaque mois
    [quarter] Engagements dans chaque statut à la fin de chaque trimestre
   *[year] Engagements dans chaque statut à la fin de chaque année
}
n-new = { $n ->
    [one] { $n } nouveau
   *[other] { $n } nouveaux
}
n-changed = { $n ->
    [one] { $n } modifié
   *[other] { $n } modifiés
}
history-note = { $unit ->
    [month] Les effectifs sont ceux de la fin de chaque mois ; Nouveaux = pris pendant le mois ; Modifiés = passés à un autre statut pendant le mois ; En retard et À actualiser (non clos, et rien de plus récent que { $n } jours) sont jugés à sa fin ; Avancement = le score moyen en pourcentage de l'échelle.
    [quarter] Les effectifs sont ceux de la fin de chaque trimestre ; Nouveaux = pris pendant le trimestre ; Modifiés = passés à un autre statut pendant le trimestre ; En retard et À actualiser (non clos, et rien de plus récent que { $n } jours) sont jugés à sa fin ; Avancement = le score moyen en pourcentage de l'échelle.
   *[year] Les effectifs sont ceux de la fin de chaque année ; Nouveaux = pris pendant l'année ; Modifiés = passés à un autre statut pendant l'année ; En retard et À actualiser (non clos, et rien de plus récent que { $n } jours) sont jugés à sa fin ; Avancement = le score moyen en pourcentage de l'échelle.
}
history-counts-heading = { $unit ->
    [month] Effectifs par statut, par mois
    [quarter] Effectifs par statut, par trimestre
   *[year] Effectifs par statut, par année
}
history-flow-heading = { $unit ->
    [month] Nouveaux, modifiés, en retard et à actualiser, par mois
    [quarter] Nouveaux, modifiés, en retard et à actualiser, par trimestre
   *[year] Nouveaux, modifiés, en retard et à actualiser, par année
}
history-subtitle = { $unit ->
    [month] Historique par mois, du { $from } au { $to }
    [quarter] Historique par trimestre, du { $from } au { $to }
   *[year] Historique par année, du { $from } au { $to }
}
over-time-note = { $unit ->
    [month] Chaque colonne donne le statut à la fin du mois ; + pris pendant le mois, * passé à un autre statut pendant le mois. Alertes au { $date } : en retard (échéance dépassée, non clos), à actualiser (non clos, et rien de plus récent que { $n } jours).
    [quarter] Chaque colonne donne le statut à la fin du trimestre ; + pris pendant le trimestre, * passé à un autre statut pendant le trimestre. Alertes au { $date } : en retard (échéance dépassée, non clos), à actualiser (non clos, et rien de plus récent que { $n } jours).
   *[year] Chaque colonne donne le statut à la fin de l'année ; + pris pendant l'année, * passé à un autre statut pendant l'année. Alertes au { $date } : en retard (échéance dépassée, non clos), à actualiser (non clos, et rien de plus récent que { $n } jours).
}
over-time-subtitle = { $unit ->
    [month] Statut à la fin de chaque mois, du { $from } au { $to }
    [quarter] Statut à la fin de chaque trimestre, du { $from } au { $to }
   *[year] Statut à la fin de chaque année, du { $from } au { $to }
}

## Agrégations (report --by)
by-owner-as-of = Par responsable, au { $date }
by-tag-as-of = Par étiquette, au { $date }
by-status-as-of = Par statut, au { $date }
by-parent-as-of = Par engagement parent, au { $date }
no-children = Aucun engagement n'a de sous-engagement : ajoutez-en un avec `add ID --parent PARENT_ID` ou une ligne `parent:`.

## Le dossier et la chronologie d'un engagement
record-owner = Responsable : { $owner }
record-partners = Partenaires : { $partners }
record-made = Pris le : { $date }
record-due = Échéance : { $date }
record-funding-on = Financement au { $date } : { $funding }
record-funding = Financement : { $funding }
record-tags = Étiquettes : { $tags }
record-status = Statut au { $date } : { $status } depuis le { $since }
record-source = Source : { $source }
retracted = Retiré : { $what }
retired = Clôturé
no-longer-tracked = N'est plus suivi : { $reason }
corrected = Corrigé : { $what }
funding-stage = Financement : { $stage }
gap-checked = Lacune (vérifié le { $date }) : { $note }
gap-note = Lacune : { $note }
no-evidence = Aucune preuve consignée.
no-gaps = Aucune lacune consignée.
due-event = Échéance : { $what }

## Le site
nav-status = Statuts
nav-method = Méthode
nav-feed = Changements (Atom)
nav-calendar = Échéances (iCalendar)
download-commitments-csv = Le statut actuel de chaque engagement, une ligne chacun (report --format csv)
download-commitments-json = Les mêmes données avec l'échelle, en JSON (report --format json)
download-periods-csv = Le statut à la fin de chaque trimestre, une ligne par engagement et par trimestre
download-history-csv = Effectifs par statut à la fin de chaque trimestre
download-changes-csv = Chaque changement, une ligne par changement et par source
download-datapackage = Le contenu et le type de chaque colonne des fichiers CSV (un Data Package Frictionless)
method-title = Méthode — { $title }
method-subtitle = Comment les statuts, les scores et les alertes sont établis
footer = Réalisé avec { $program } à partir du registre lui-même : chaque statut cite ses preuves, et les statuts, scores et alertes sont ceux indiqués sur cette page.

## Notes sous les agrégations
tag-note = Un engagement portant plusieurs étiquettes est compté sous chacune d'elles ; la dernière ligne compte chaque engagement une seule fois.
group-funding-note = Le chiffre de chaque groupe est la somme de ceux de ses engagements, par devise.

## show : un engagement dans le terminal
field = Champ
value = Valeur
partners = Partenaires
made = Pris le
tags = Étiquettes
description = Description
notes = Notes
what = Objet
child = Sous-engagement
retired-field = depuis le { $date } : { $reason } (n'est plus suivi ; les rapports l'omettent sauf avec --include-retired)
funding-as-of = { $funding } (au { $date })
status-since-as-of = { $status } depuis le { $since } (au { $date })
not-yet-made-on = pas encore pris au { $date }
rests-on = repose sur : { $ids }
recorded-by = consigné par { $by }
accessed-on = { $date } (consulté)
undated = non daté
show-evidence = preuve
show-retired = clôturé
show-retracted = retiré : { $what }
show-corrected = corrigé : { $what }
show-funding = financement : { $stage }
children-n = Sous-engagements ({ $n }) :
gaps-heading = Lacunes (recherché, non trouvé) :
checked-on = (vérifié le { $date })
weighted-average = score moyen pondéré { $score }
children-on = Sous-engagements au { $date } : { $n } ({ $counts }){ $average }.

## Types de preuves
kind-official-statement = déclaration officielle
kind-legislation = législation
kind-parliament = Parlement
kind-court = décision de justice
kind-media = médias
kind-ngo-report = rapport d'ONG
kind-dataset = jeu de données
kind-other = autre

## Engagements clôturés affichés parce que demandés (--include-retired)
retired-note = { $n ->
    [one] clôturé = n'est plus suivi (son dossier dit depuis quand et pourquoi) ; { $n } engagement clôturé est affiché parce que le rapport a été demandé avec les engagements clôturés, et compté dans les totaux ci-dessus.
   *[other] clôturé = n'est plus suivi (son dossier dit depuis quand et pourquoi) ; { $n } engagements clôturés sont affichés parce que le rapport a été demandé avec les engagements clôturés, et comptés dans les totaux ci-dessus.
}
over-time-retired-note = clôturé = n'est plus suivi à la date de fin (son dossier dit depuis quand et pourquoi) ; affichés parce que le rapport a été demandé avec les engagements clôturés : { $n }.
rollup-retired-note = { $n ->
    [one] { $n } engagement clôturé (qui n'est plus suivi) est compté dans ces groupes, parce que le rapport a été demandé avec les engagements clôturés.
   *[other] { $n } engagements clôturés (qui ne sont plus suivis) sont comptés dans ces groupes, parce que le rapport a été demandé avec les engagements clôturés.
}
