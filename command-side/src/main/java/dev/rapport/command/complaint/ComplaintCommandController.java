package dev.rapport.command.complaint;

import java.net.URI;
import java.util.UUID;

import dev.rapport.command.CommandSender;
import dev.rapport.command.complaint.ComplaintRequests.ComplaintAcknowledgement;
import dev.rapport.command.complaint.ComplaintRequests.ComplaintAssignment;
import dev.rapport.command.complaint.ComplaintRequests.ComplaintClosure;
import dev.rapport.command.complaint.ComplaintRequests.ComplaintEscalation;
import dev.rapport.command.complaint.ComplaintRequests.ComplaintReopening;
import dev.rapport.command.complaint.ComplaintRequests.ComplaintResolution;
import dev.rapport.command.complaint.ComplaintRequests.NewComplaint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api")
@Tag(name = "Complaint commands",
        description = "File complaints and take them through acknowledgement, resolution and closure, under SLA deadlines")
class ComplaintCommandController {

    private final CommandSender commands;

    ComplaintCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping("/customers/{customerId}/complaints")
    @Operation(summary = "File a complaint",
            description = "Starts the acknowledgement and resolution deadlines. Answers 201 with the new complaint's id and "
                    + "its location; 404 when the customer is unknown, 409 customer-closed when it is closed.")
    ResponseEntity<ComplaintAccepted> file(@Parameter(description = "the customer's id") @PathVariable String customerId,
                                           @Valid @RequestBody NewComplaint complaint, HttpServletRequest request) {
        String complaintId = UUID.randomUUID().toString();
        send(new FileComplaint(complaintId, customerId, complaint.category(), complaint.severity(), complaint.channel(),
                complaint.description()), request);
        return ResponseEntity.created(URI.create("/api/complaints/" + complaintId)).body(new ComplaintAccepted(complaintId));
    }

    @PostMapping("/complaints/{complaintId}/acknowledge")
    @Operation(summary = "Acknowledge a complaint", description = "422 complaint-already-acknowledged when done before.")
    ResponseEntity<ComplaintAccepted> acknowledge(@Parameter(description = "the complaint's id") @PathVariable String complaintId,
                                                  @Valid @RequestBody ComplaintAcknowledgement body, HttpServletRequest request) {
        return accepted(complaintId, new AcknowledgeComplaint(complaintId, body.acknowledgedBy()), request);
    }

    @PostMapping("/complaints/{complaintId}/assign")
    @Operation(summary = "Assign or reassign a complaint", description = "Only once acknowledged and while unresolved.")
    ResponseEntity<ComplaintAccepted> assign(@Parameter(description = "the complaint's id") @PathVariable String complaintId,
                                             @Valid @RequestBody ComplaintAssignment body, HttpServletRequest request) {
        return accepted(complaintId, new AssignComplaint(complaintId, body.assignee()), request);
    }

    @PostMapping("/complaints/{complaintId}/escalate")
    @Operation(summary = "Escalate a complaint one level", description = "Only while unresolved.")
    ResponseEntity<ComplaintAccepted> escalate(@Parameter(description = "the complaint's id") @PathVariable String complaintId,
                                               @Valid @RequestBody ComplaintEscalation body, HttpServletRequest request) {
        return accepted(complaintId, new EscalateComplaint(complaintId, body.reason()), request);
    }

    @PostMapping("/complaints/{complaintId}/resolve")
    @Operation(summary = "Resolve a complaint",
            description = "Optionally with compensation; starts the follow-up deadline. 422 complaint-not-acknowledged before "
                    + "acknowledgement.")
    ResponseEntity<ComplaintAccepted> resolve(@Parameter(description = "the complaint's id") @PathVariable String complaintId,
                                              @Valid @RequestBody ComplaintResolution body, HttpServletRequest request) {
        return accepted(complaintId, new ResolveComplaint(complaintId, body.resolution(), body.toCompensation(), body.resolvedBy()),
                request);
    }

    @PostMapping("/complaints/{complaintId}/confirm")
    @Operation(summary = "Record that the customer accepted the resolution", description = "422 complaint-not-resolved before it.")
    ResponseEntity<ComplaintAccepted> confirm(@Parameter(description = "the complaint's id") @PathVariable String complaintId,
                                              HttpServletRequest request) {
        return accepted(complaintId, new ConfirmComplaintResolution(complaintId), request);
    }

    @PostMapping("/complaints/{complaintId}/reopen")
    @Operation(summary = "Reopen a complaint whose resolution the customer rejected",
            description = "Starts a new resolution deadline. Not after closing.")
    ResponseEntity<ComplaintAccepted> reopen(@Parameter(description = "the complaint's id") @PathVariable String complaintId,
                                             @Valid @RequestBody ComplaintReopening body, HttpServletRequest request) {
        return accepted(complaintId, new ReopenComplaint(complaintId, body.reason()), request);
    }

    @PostMapping("/complaints/{complaintId}/close")
    @Operation(summary = "Close a resolved complaint with the customer's satisfaction (1-5)",
            description = "Cancels the deadlines left. 422 complaint-not-resolved before resolution.")
    ResponseEntity<ComplaintAccepted> close(@Parameter(description = "the complaint's id") @PathVariable String complaintId,
                                            @Valid @RequestBody ComplaintClosure body, HttpServletRequest request) {
        return accepted(complaintId, new CloseComplaint(complaintId, body.satisfaction()), request);
    }

    private ResponseEntity<ComplaintAccepted> accepted(String complaintId, Object command, HttpServletRequest request) {
        send(command, request);
        return ResponseEntity.ok(new ComplaintAccepted(complaintId));
    }

    private void send(Object command, HttpServletRequest request) {
        commands.send(command, request);
    }

    /** What a complaint command answers: the id it concerned. */
    record ComplaintAccepted(String complaintId) {
    }
}
