package dev.rapport.query.churn;

import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;

import dev.rapport.platform.web.NotFound;
import dev.rapport.query.InvalidQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Churn model", description = "The BG/NBD churn model (Fader, Hardie & Lee 2005) fitted to the purchase days "
        + "of every customer: its versions, fit diagnostics and holdout accuracy; the data team refits it. See docs/churn-model.md.")
class ChurnModelController {

    private final ChurnModelFitting fitting;
    private final ChurnModelVersions versions;

    ChurnModelController(ChurnModelFitting fitting, ChurnModelVersions versions) {
        this.fitting = fitting;
        this.versions = versions;
    }

    @PostMapping("/api/admin/churn-model/fit")
    @Operation(summary = "Fit a new model version and re-score every customer with it",
            description = "Customers whose first purchase is on or before calibrationEnd, their purchase days up to it. 201 with "
                    + "the new version; 422 churn-model-insufficient-data when nobody bought again by then; 409 while a fit runs.")
    ResponseEntity<ChurnModelVersion> fit(
            @Parameter(description = "the calibration period's last day (ISO date, its purchases included); default yesterday (UTC)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate calibrationEnd,
            Principal user) {
        LocalDate today = fitting.today();
        LocalDate end = calibrationEnd == null ? today.minusDays(1) : calibrationEnd;
        if (end.isAfter(today)) {
            throw new InvalidQuery("calibrationEnd", "is after today (" + today + ")");
        }
        ChurnModelVersion version = fitting.fit(end, user.getName());
        return ResponseEntity.created(URI.create("/api/churn-model/versions/" + version.version())).body(version);
    }

    @GetMapping("/api/churn-model")
    @Operation(summary = "The current model: parameters, log-likelihood, calibration window, fit diagnostics",
            description = "404 while no model has been fitted.")
    ChurnModelVersion current() {
        return versions.current().orElseThrow(() -> new NotFound("Churn model", "current"));
    }

    @GetMapping("/api/churn-model/versions")
    @Operation(summary = "Every fitted version, newest first")
    List<ChurnModelVersion> all() {
        return versions.all();
    }

    @GetMapping("/api/churn-model/holdout")
    @Operation(summary = "Holdout check: predicted against actual repeat purchases after the calibration period",
            description = "Total and per calibration frequency (0 … 6, 7+), for the current version or the one named.")
    ChurnModelHoldout holdout(
            @Parameter(description = "the holdout period's last day (ISO date, included); default yesterday (UTC)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate holdoutEnd,
            @Parameter(description = "the model version; default the current one") @RequestParam(required = false) Long version) {
        ChurnModelVersion model = (version == null ? versions.current() : versions.find(version))
                .orElseThrow(() -> new NotFound("Churn model", version == null ? "current" : version.toString()));
        LocalDate end = holdoutEnd == null ? fitting.today().minusDays(1) : holdoutEnd;
        if (!end.isAfter(model.calibrationEnd())) {
            throw new InvalidQuery("holdoutEnd", "must be after the model's calibration end " + model.calibrationEnd());
        }
        return ChurnModelHoldout.of(model, end, fitting.holdout(model, end));
    }
}
