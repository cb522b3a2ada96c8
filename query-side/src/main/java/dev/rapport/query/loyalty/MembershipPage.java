package dev.rapport.query.loyalty;

import java.util.List;

/**
 * One page of memberships in membership id order.
 *
 * @param items      at most the page size
 * @param nextCursor pass as {@code after} for the next page; null on the last page
 */
public record MembershipPage(List<MembershipSummary> items, String nextCursor) {
}
