"""Reads for reconciliation: the standards x reviewers matrix and its agreement figures."""

import itertools
from dataclasses import dataclass, field

from ..models import ConsensusRating, Review, Submission


@dataclass
class MatrixRow:
    standard: object
    ratings: list  # one StandardRating (or None) per reviewer column
    consensus: ConsensusRating | None = None

    @property
    def values(self) -> list[str]:
        return [r.rating for r in self.ratings if r is not None and r.rating]

    @property
    def disagreement(self) -> bool:
        return len(set(self.values)) > 1

    @property
    def proposed(self) -> str:
        """The rating every reviewer gave, offered until the coordinator records one."""
        values = self.values
        unanimous = len(values) == len(self.ratings) and len(set(values)) == 1
        return values[0] if self.consensus is None and unanimous else ""

    @property
    def selected(self) -> str:
        return self.consensus.rating if self.consensus else self.proposed


@dataclass
class Matrix:
    reviews: list[Review]
    rows: list[MatrixRow] = field(default_factory=list)

    @property
    def agreement(self) -> float | None:
        """Share of reviewer pairs giving the same rating, over every standard (0 to 1)."""
        same = total = 0
        for row in self.rows:
            for a, b in itertools.combinations(row.values, 2):
                same += a == b
                total += 1
        return same / total if total else None

    @property
    def kappa(self) -> float | None:
        """Fleiss' kappa over the standards every reviewer rated: agreement beyond chance."""
        return fleiss_kappa([row.values for row in self.rows], len(self.reviews))


def fleiss_kappa(items: list[list[str]], raters: int) -> float | None:
    items = [values for values in items if len(values) == raters]
    if raters < 2 or not items:
        return None
    categories = sorted({value for values in items for value in values})
    n = len(items)
    shares = {c: sum(values.count(c) for values in items) / (n * raters) for c in categories}
    per_item = [
        (sum(values.count(c) ** 2 for c in categories) - raters) / (raters * (raters - 1))
        for values in items
    ]
    observed = sum(per_item) / n
    expected = sum(share**2 for share in shares.values())
    if expected == 1:
        return 1.0  # everyone gave one and the same rating throughout
    return (observed - expected) / (1 - expected)


def reconciliation_matrix(submission: Submission, round_number: int | None = None) -> Matrix:
    """Standards down, reviewers across, for the submitted reviews of a round."""
    round_number = round_number or submission.review_round
    reviews = list(
        Review.objects.filter(
            assignment__submission=submission,
            assignment__round=round_number,
            submitted_at__isnull=False,
        )
        .select_related("assignment__reviewer")
        .prefetch_related("ratings")
        .order_by("assignment__pk")
    )
    by_review = [{r.standard_id: r for r in review.ratings.all()} for review in reviews]
    consensus = {c.standard_id: c for c in submission.consensus.filter(round=round_number)}
    matrix = Matrix(reviews=reviews)
    for standard in submission.standards_version.standards.all():
        matrix.rows.append(
            MatrixRow(
                standard=standard,
                ratings=[ratings.get(standard.pk) for ratings in by_review],
                consensus=consensus.get(standard.pk),
            )
        )
    return matrix


def consolidated_required_changes(submission: Submission) -> str:
    """The reviewers' required changes of the current round, as a starting point to edit."""
    reviews = Review.objects.filter(
        assignment__submission=submission,
        assignment__round=submission.review_round,
        submitted_at__isnull=False,
    ).exclude(required_changes="")
    return "\n\n".join(review.required_changes.strip() for review in reviews)
