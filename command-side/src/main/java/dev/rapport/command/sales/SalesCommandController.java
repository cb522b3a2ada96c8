package dev.rapport.command.sales;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.rapport.command.CommandSender;
import dev.rapport.events.sales.SalesChannel;
import dev.rapport.platform.web.CommandMetadata;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Sales commands", description = "Record sales and refunds")
class SalesCommandController {

    private final CommandSender commands;

    SalesCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping("/api/customers/{customerId}/sales")
    @Operation(summary = "Record a sale", description = "201 with the sale's id. The same order id for the same customer "
            + "again records nothing and answers the same; with other details 409 order-id-conflict. "
            + "404 unknown customer, 409 customer-closed, 422 total-mismatch / total-required / occurred-in-future.")
    ResponseEntity<SaleReceipt> recordSale(@PathVariable String customerId, @Valid @RequestBody SaleRequest body,
                                           HttpServletRequest request) {
        var command = new RecordSale(SaleIds.of(customerId, body.orderId()), customerId, body.orderId(), body.channel(),
                body.currency(), body.lines(), body.total(), body.occurredAt());
        MetaData metadata = CommandMetadata.from(request);
        SaleReceipt receipt;
        try {
            receipt = commands.send(command, metadata);
        } catch (AggregateStreamCreationException alreadyRecorded) {
            // the sale's id exists (sent before, or by a concurrent request that stored it first): answer as a repeat
            receipt = commands.send(new RepeatSale(command), metadata);
        }
        return ResponseEntity.created(URI.create("/api/sales/" + receipt.saleId())).body(receipt);
    }

    @PostMapping("/api/sales/{saleId}/refunds")
    @Operation(summary = "Refund (part of) a sale", description = "201 with the amount still refundable. A repeated refundId "
            + "records nothing and answers the same. 404 unknown sale, 422 refund-exceeds-sale / currency-mismatch.")
    ResponseEntity<RefundReceipt> recordRefund(@PathVariable String saleId, @Valid @RequestBody RefundRequest body,
                                               HttpServletRequest request) {
        String refundId = body.refundId() != null ? body.refundId() : UUID.randomUUID().toString();
        RefundReceipt receipt = commands.send(new RecordRefund(saleId, refundId, body.amount(), body.currency(), body.reason(),
                body.occurredAt()), request);
        return ResponseEntity.created(URI.create("/api/sales/" + saleId + "/refunds/" + refundId)).body(receipt);
    }

    @Schema(example = """
            {"orderId": "PNR-88412", "channel": "WEB", "currency": "CNY", "occurredAt": "2026-11-20T09:15:00Z",
             "lines": [{"productId": "PEK-SHA-Y", "category": "flight", "quantity": 2, "unitPrice": 1280.00}]}""")
    record SaleRequest(@NotBlank @Size(max = 64) String orderId, @NotNull SalesChannel channel,
                       @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code") String currency,
                       @Size(max = 500) List<RecordSale.@Valid @NotNull Line> lines,
                       @DecimalMin("0.00") @Digits(integer = 12, fraction = 4) BigDecimal total,
                       @NotNull Instant occurredAt) {
    }

    @Schema(example = "{\"refundId\": \"RF-1\", \"amount\": 1280.00, \"currency\": \"CNY\", \"reason\": \"flight cancelled\"}")
    record RefundRequest(@Size(max = 64) String refundId,
                         @NotNull @DecimalMin(value = "0.00", inclusive = false) @Digits(integer = 12, fraction = 4) BigDecimal amount,
                         @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code") String currency,
                         @Size(max = 500) String reason, Instant occurredAt) {
    }
}
