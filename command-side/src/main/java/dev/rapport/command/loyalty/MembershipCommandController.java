package dev.rapport.command.loyalty;

import java.net.URI;

import dev.rapport.command.CommandSender;
import dev.rapport.platform.web.CommandMetadata;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.axonframework.messaging.MetaData;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Loyalty commands", description = "Enrol members, award and redeem points, grant and review tiers, run point expiry")
class MembershipCommandController {

    private final CommandSender commands;

    MembershipCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping("/api/customers/{customerId}/membership")
    @Operation(summary = "Enrol a customer in the loyalty programme",
            description = "201 with the membership id and member number. 404 for an unknown customer, 409 for a closed one "
                    + "(customer-closed) or one already enrolled (already-exists).")
    ResponseEntity<MembershipEnrolled> enrol(@Parameter(description = "the customer's id") @PathVariable String customerId,
                                             HttpServletRequest request) {
        EnrolMember command = EnrolMember.forCustomer(customerId);
        send(command, CommandMetadata.from(request));
        return ResponseEntity.created(URI.create("/api/memberships/" + command.membershipId()))
                .body(new MembershipEnrolled(command.membershipId(), MembershipIds.memberNumber(command.membershipId())));
    }

    @PostMapping("/api/memberships/{membershipId}/bonus-points")
    @Operation(summary = "Credit bonus points (campaign, complaint compensation)",
            description = "They do not count toward tiers and expire like other points. A source and reference is credited "
                    + "once per membership: repeating it changes nothing. 422 not-a-bonus-source for SALE.")
    ResponseEntity<MembershipAccepted> awardBonusPoints(@Parameter(description = "the membership's id") @PathVariable String membershipId,
                                                        @Valid @RequestBody BonusPointsRequest body, HttpServletRequest request) {
        send(new AwardBonusPoints(membershipId, body.points(), body.source(), body.reference()), CommandMetadata.from(request));
        return ResponseEntity.ok(new MembershipAccepted(membershipId));
    }

    @PostMapping("/api/memberships/{membershipId}/redemptions")
    @Operation(summary = "Redeem points, oldest first",
            description = "422 insufficient-points beyond the balance, 422 balance-negative while a refund left it below zero.")
    ResponseEntity<MembershipAccepted> redeem(@Parameter(description = "the membership's id") @PathVariable String membershipId,
                                              @Valid @RequestBody RedemptionRequest body, HttpServletRequest request) {
        send(new RedeemPoints(membershipId, body.points(), body.reference()), CommandMetadata.from(request));
        return ResponseEntity.ok(new MembershipAccepted(membershipId));
    }

    @PostMapping("/api/memberships/{membershipId}/tier-grants")
    @Operation(summary = "Grant a tier by hand until a given time (status match, partner deal, retention offer)",
            description = "Granted by the request's actor. Not lower than the current tier; the yearly review does not "
                    + "downgrade while it lasts; when it ends the member falls back to the tier their own figures qualify for.")
    ResponseEntity<MembershipAccepted> grantTier(@Parameter(description = "the membership's id") @PathVariable String membershipId,
                                                 @Valid @RequestBody TierGrantRequest body, HttpServletRequest request) {
        MetaData metaData = CommandMetadata.from(request);
        String grantedBy = String.valueOf(metaData.get(CommandMetadata.ACTOR));
        send(new GrantTier(membershipId, body.tier(), body.reason(), grantedBy, body.expiresAt()), metaData);
        return ResponseEntity.ok(new MembershipAccepted(membershipId));
    }

    @PostMapping("/api/memberships/{membershipId}/tier-review")
    @Operation(summary = "Hold the yearly tier review now, when it is due",
            description = "Normally a deadline holds it on each enrolment anniversary; this is for when it did not. "
                    + "422 review-not-due before the anniversary.")
    ResponseEntity<MembershipAccepted> reviewTier(@Parameter(description = "the membership's id") @PathVariable String membershipId,
                                                  HttpServletRequest request) {
        send(new ReviewTier(membershipId), CommandMetadata.from(request));
        return ResponseEntity.ok(new MembershipAccepted(membershipId));
    }

    @PostMapping("/api/memberships/{membershipId}/expiry-run")
    @Operation(summary = "Expire the points past their expiry now",
            description = "A monthly deadline does it too; with nothing to expire nothing is recorded.")
    ResponseEntity<MembershipAccepted> runExpiry(@Parameter(description = "the membership's id") @PathVariable String membershipId,
                                                 HttpServletRequest request) {
        send(new ExpirePoints(membershipId), CommandMetadata.from(request));
        return ResponseEntity.ok(new MembershipAccepted(membershipId));
    }

    private void send(Object command, MetaData metaData) {
        commands.send(command, metaData);
    }

    /** What enrolment answers. */
    record MembershipEnrolled(String membershipId, String memberNumber) {
    }

    /** What the other membership commands answer: the membership they concerned. */
    record MembershipAccepted(String membershipId) {
    }
}
