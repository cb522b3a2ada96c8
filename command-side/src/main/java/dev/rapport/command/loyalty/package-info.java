/**
 * The loyalty programme (会员): one {@link dev.rapport.command.loyalty.Membership} per customer, its points
 * and its tier. The rules of DOMAIN.md, plus the choices made where it is silent:
 *
 * <h2>Membership</h2>
 * <ul>
 *   <li>The membership id is derived from the customer id ({@link dev.rapport.command.loyalty.MembershipIds}), so a
 *       second enrolment collides in the event store (409 {@code already-exists}); an unknown or closed customer is
 *       refused before the command is dispatched (404, 409 {@code customer-closed}).</li>
 *   <li>The member number is "RP" and 10 digits from a name-based hash of the membership id: stable and readable,
 *       not guaranteed unique (10^10 values); the membership id remains the key.</li>
 * </ul>
 *
 * <h2>Points</h2>
 * <ul>
 *   <li>A sale earns floor(net amount × rate to the reporting currency × points per unit × tier multiplier ×
 *       channel multiplier), at the tier held when the sale is processed (a granted tier counts). Its qualifying
 *       (base) points are floor(net amount × rate × points per unit): neither multiplier counts toward tiers.</li>
 *   <li>A currency without a configured rate is refused ({@code unknown-currency}).</li>
 *   <li>A sale earns nothing (no event, no error) when its id was already credited, when it was bought before the
 *       enrolment, when its points would already have expired, or when it is worth less than one point; such a sale
 *       is not counted as a purchase either.</li>
 *   <li>Bonus points (campaign, complaint compensation) never qualify, expire like sale points, and are credited
 *       once per source and reference.</li>
 *   <li>Points expire at the first instant (UTC) of the month after the earning month plus the validity (24 months):
 *       earned on 15 March 2024, they expire on 1 April 2026 at 00:00 UTC. A monthly deadline (first instant of
 *       each month) and {@link dev.rapport.command.loyalty.ExpirePoints} expire every lot due, oldest first, in one
 *       {@code PointsExpired}; nothing due records nothing.</li>
 *   <li>Redemption and expiry consume the oldest lots first. Redemption never exceeds the balance
 *       ({@code insufficient-points}) and is refused while it is negative ({@code balance-negative}).</li>
 *   <li>A refund reverses floor(points the sale earned × refunded so far / sale amount) minus what was already
 *       reversed: cumulative, so refunds adding up to the whole sale reverse exactly what it earned. The refund must
 *       be in the sale's currency. An unknown sale or an already handled refund id reverses nothing. Reversed points
 *       come from that sale's lot first, then the oldest lots; the rest becomes debt (a negative balance), which new
 *       points pay off first. A refund worth less than one point records nothing.</li>
 *   <li>The qualifying points of a refunded sale drop in the same proportion; it stops counting as a purchase only
 *       once refunded in full.</li>
 * </ul>
 *
 * <h2>Tiers</h2>
 * <ul>
 *   <li>Figures are the qualifying points and purchases of sales bought in the rolling 12 months ending now (a sale
 *       exactly 12 months old is out).</li>
 *   <li>After each sale the member is upgraded at once to the highest tier the figures reach, in one
 *       {@code TierUpgraded} naming the crossed threshold; earning never downgrades.</li>
 *   <li>The yearly review on each enrolment anniversary (deadline) keeps the tier ({@code TierRetained}, BASE
 *       included) when the figures reach it or a granted tier is still running, otherwise lowers it by exactly one
 *       tier ({@code TierDowngraded}). It never upgrades. {@link dev.rapport.command.loyalty.ReviewTier} holds the
 *       review only when one is due (anniversary passed, not yet held: {@code review-not-due} otherwise), so a tier
 *       is never lowered twice for the same year; whoever holds it schedules the next anniversary.</li>
 *   <li>A tier can be granted by hand at or above the current tier (not BASE), ending in the future; a later grant
 *       replaces the earlier one. When it ends, {@code TierGrantExpired} falls back to the tier the figures qualify
 *       for. An upgrade earned above the granted tier ends the grant.</li>
 * </ul>
 *
 * <h2>Rebuilding from events</h2>
 * Every fact the membership rebuilds itself from is in the event payloads, where the query side can read it too:
 * a sale's qualifying points and net amount on {@code PointsEarned}, the refund amount and the qualifying points
 * taken back on {@code PointsReversed}. A reversal is replayed as recorded, not recomputed, so the rebuilt tier
 * figures are the published ones.
 */
package dev.rapport.command.loyalty;
