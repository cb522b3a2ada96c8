package dev.rapport.command.loyalty;

/** What counts toward a tier over the rolling 12 months: qualifying (base) points from sales and purchases. */
record QualifyingFigures(long points, int purchases) {
}
