package dev.rapport.query.loyalty;

import java.time.Instant;

/**
 * What counts toward a tier over the rolling 12 months ending at {@code asOf}: sales bought after
 * {@code windowStart} (a sale exactly 12 months old is out), computed when asked.
 *
 * @param points      qualifying (base) points, net of refunds
 * @param purchases   sales not refunded in full
 * @param windowStart the window's start, exclusive
 * @param asOf        the window's end: the time of the query
 */
public record QualifyingFigures(long points, int purchases, Instant windowStart, Instant asOf) {
}
