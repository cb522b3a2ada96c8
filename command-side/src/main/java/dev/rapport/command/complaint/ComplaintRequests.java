package dev.rapport.command.complaint;

import dev.rapport.events.complaint.Compensation;
import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.interaction.InteractionChannel;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** The bodies the complaint endpoints accept. */
final class ComplaintRequests {

    private ComplaintRequests() {
    }

    @Schema(example = """
            {"category": "DELIVERY", "severity": "HIGH", "channel": "CALL_CENTRE",
             "description": "The sofa arrived two weeks late and with a torn cushion."}""")
    record NewComplaint(
            @NotNull ComplaintCategory category,
            @NotNull Severity severity,
            @NotNull InteractionChannel channel,
            @NotBlank @Size(max = 4000) String description) {
    }

    @Schema(example = """
            {"acknowledgedBy": "zhang.min"}""")
    record ComplaintAcknowledgement(@NotBlank @Size(max = 100) String acknowledgedBy) {
    }

    @Schema(example = """
            {"assignee": "delivery-team"}""")
    record ComplaintAssignment(@NotBlank @Size(max = 100) String assignee) {
    }

    @Schema(example = """
            {"reason": "Customer is a key account and threatens to cancel the contract"}""")
    record ComplaintEscalation(@NotBlank @Size(max = 1000) String reason) {
    }

    @Schema(example = """
            {"resolution": "Cushion replaced; delivery fee refunded.", "resolvedBy": "zhang.min",
             "compensation": {"refundReference": "RF-2026-0042", "bonusPoints": 500}}""")
    record ComplaintResolution(
            @NotBlank @Size(max = 4000) String resolution,
            @Valid CompensationDetails compensation,
            @NotBlank @Size(max = 100) String resolvedBy) {

        Compensation toCompensation() {
            return compensation == null ? null : compensation.toCompensation();
        }
    }

    /** Any part may be left out. */
    record CompensationDetails(
            @PositiveOrZero Long bonusPoints,
            @Size(max = 100) String refundReference,
            @Size(max = 100) String voucherCode) {

        Compensation toCompensation() {
            return new Compensation(bonusPoints, refundReference, voucherCode);
        }
    }

    @Schema(example = """
            {"reason": "The replacement cushion has the wrong colour."}""")
    record ComplaintReopening(@NotBlank @Size(max = 4000) String reason) {
    }

    @Schema(example = """
            {"satisfaction": 4}""")
    record ComplaintClosure(@NotNull @Min(1) @Max(5) Integer satisfaction) {
    }
}
