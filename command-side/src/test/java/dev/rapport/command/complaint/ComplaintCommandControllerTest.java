package dev.rapport.command.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import dev.rapport.command.TestCommandSenders;
import dev.rapport.events.complaint.Compensation;
import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.interaction.InteractionChannel;
import dev.rapport.platform.web.CommandMetadata;
import dev.rapport.platform.web.ProblemDetailsAdvice;
import dev.rapport.platform.web.RuleViolation;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The HTTP edge only: which command each request becomes, and what it answers. The rules are ComplaintTest's. */
class ComplaintCommandControllerTest {

    private static final List<Class<?>> COMMANDS = List.of(FileComplaint.class, AcknowledgeComplaint.class, AssignComplaint.class,
            EscalateComplaint.class, ResolveComplaint.class, ConfirmComplaintResolution.class, ReopenComplaint.class,
            CloseComplaint.class);

    private final List<CommandMessage<?>> sent = new ArrayList<>();
    private RuntimeException refusal;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        for (Class<?> command : COMMANDS) {
            bus.subscribe(command.getName(), message -> {
                sent.add(message);
                if (refusal != null) {
                    throw refusal;
                }
                return null;
            });
        }
        var gateway = DefaultCommandGateway.builder().commandBus(bus).build();
        mvc = MockMvcBuilders.standaloneSetup(new ComplaintCommandController(TestCommandSenders.over(gateway)))
                .setControllerAdvice(new ProblemDetailsAdvice())
                .build();
    }

    @Test
    void filingAnswersCreatedWithTheNewComplaintsLocation() throws Exception {
        var result = mvc.perform(json(post("/api/customers/c-1/complaints").header(CommandMetadata.ACTOR_HEADER, "zhang.min"), """
                        {"category": "DELIVERY", "severity": "HIGH", "channel": "CALL_CENTRE", "description": "Arrived late"}"""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.complaintId").isString())
                .andReturn();

        FileComplaint command = (FileComplaint) sent.get(0).getPayload();
        assertThat(command).isEqualTo(new FileComplaint(command.complaintId(), "c-1", ComplaintCategory.DELIVERY, Severity.HIGH,
                InteractionChannel.CALL_CENTRE, "Arrived late"));
        assertThat(result.getResponse().getHeader("Location")).isEqualTo("/api/complaints/" + command.complaintId());
        assertThat(result.getResponse().getContentAsString()).contains(command.complaintId());
        assertThat(sent.get(0).getMetaData()).containsEntry(CommandMetadata.ACTOR, "zhang.min");
    }

    @Test
    void eachStepBecomesItsCommandAndAnswersTheComplaintId() throws Exception {
        expectSent(json(post("/api/complaints/cmp-1/acknowledge"), """
                {"acknowledgedBy": "zhang.min"}"""), new AcknowledgeComplaint("cmp-1", "zhang.min"));
        expectSent(json(post("/api/complaints/cmp-1/assign"), """
                {"assignee": "delivery-team"}"""), new AssignComplaint("cmp-1", "delivery-team"));
        expectSent(json(post("/api/complaints/cmp-1/escalate"), """
                {"reason": "Key account"}"""), new EscalateComplaint("cmp-1", "Key account"));
        expectSent(json(post("/api/complaints/cmp-1/resolve"), """
                {"resolution": "Refunded", "resolvedBy": "zhang.min", "compensation": {"refundReference": "RF-1", "bonusPoints": 500}}"""),
                new ResolveComplaint("cmp-1", "Refunded", new Compensation(500L, "RF-1", null), "zhang.min"));
        expectSent(post("/api/complaints/cmp-1/confirm"), new ConfirmComplaintResolution("cmp-1"));
        expectSent(json(post("/api/complaints/cmp-1/reopen"), """
                {"reason": "Wrong colour"}"""), new ReopenComplaint("cmp-1", "Wrong colour"));
        expectSent(json(post("/api/complaints/cmp-1/close"), """
                {"satisfaction": 4}"""), new CloseComplaint("cmp-1", 4));
    }

    @Test
    void aResolutionWithoutCompensationSendsNone() throws Exception {
        expectSent(json(post("/api/complaints/cmp-1/resolve"), """
                {"resolution": "Apologised", "resolvedBy": "zhang.min"}"""),
                new ResolveComplaint("cmp-1", "Apologised", null, "zhang.min"));
    }

    @Test
    void anInvalidBodyIsABadRequestNamingTheFields() throws Exception {
        mvc.perform(json(post("/api/complaints/cmp-1/close"), """
                        {"satisfaction": 9}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("satisfaction"));
        mvc.perform(json(post("/api/complaints/cmp-1/resolve"), """
                        {"resolution": "Refunded", "resolvedBy": "zhang.min", "compensation": {"bonusPoints": -1}}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("compensation.bonusPoints"));
        assertThat(sent).isEmpty();
    }

    @Test
    void aRefusedCommandIsUnprocessableWithItsCode() throws Exception {
        refusal = new RuleViolation("complaint-not-resolved", "Complaint cmp-1 has no resolution yet");
        mvc.perform(json(post("/api/complaints/cmp-1/close"), """
                        {"satisfaction": 4}"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("complaint-not-resolved"));
    }

    private void expectSent(MockHttpServletRequestBuilder request, Object command) throws Exception {
        sent.clear();
        mvc.perform(request)
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Location"))
                .andExpect(jsonPath("$.complaintId").value("cmp-1"));
        assertThat(sent).singleElement().extracting(CommandMessage::getPayload).isEqualTo(command);
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }
}
