package dev.rapport.query.export;

import java.util.Arrays;
import java.util.List;

import dev.rapport.platform.web.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping(ReadModelExportController.PATH)
@Tag(name = "Export", description = "The event log as NDJSON and every read model as CSV, for data teams")
class ReadModelExportController {

    static final String PATH = "/api/export/read-models";
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final ReadModelCsvExport export;

    ReadModelExportController(ReadModelCsvExport export) {
        this.export = export;
    }

    @GetMapping
    @Operation(summary = "The read models that can be exported",
            description = "Each read-model table, the projection that maintains it and where its CSV is.")
    List<ReadModelLink> readModels() {
        return Arrays.stream(ReadModel.values())
                .map(model -> new ReadModelLink(model.table(), model.projection(), PATH + "/" + model.table() + ".csv"))
                .toList();
    }

    @GetMapping("/{name}.csv")
    @Operation(summary = "A read model as CSV",
            description = "Every row in primary-key order, with a header line; PostgreSQL's CSV (arrays and JSON columns "
                    + "as their text form). 404 for a name not listed by /api/export/read-models.")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable String name) {
        ReadModel model = ReadModel.named(name).orElseThrow(() -> new NotFound("Read model", name));
        StreamingResponseBody body = out -> export.write(model, out);
        String attachment = ContentDisposition.attachment().filename(model.table() + ".csv").build().toString();
        return ResponseEntity.ok().contentType(CSV).header(HttpHeaders.CONTENT_DISPOSITION, attachment).body(body);
    }

    /**
     * @param name       the read model (its table)
     * @param projection the projection that maintains it
     * @param csv        where to get it as CSV
     */
    record ReadModelLink(String name, String projection, String csv) {
    }
}
