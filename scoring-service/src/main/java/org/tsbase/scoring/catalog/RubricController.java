package org.tsbase.scoring.catalog;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tsbase.scoring.rubric.InvalidRubricException;
import org.tsbase.scoring.rubric.RubricDefinition;
import org.tsbase.support.security.Caller;
import org.tsbase.support.web.ApiException;

/** The published standards as versioned data: anyone signed in may read them; ADMIN uploads new versions. */
@RestController
@RequestMapping("/api/rubrics")
class RubricController {

    private final RubricCatalog catalog;

    RubricController(RubricCatalog catalog) {
        this.catalog = catalog;
    }

    record RubricSummary(String rubricId, String type, String title, int latestVersion, List<Integer> versions) {
    }

    record RubricVersion(String rubricId, int version, String uploadedBy, Instant uploadedAt, RubricDefinition definition) {
    }

    @GetMapping
    List<RubricSummary> list() {
        Map<String, List<StoredRubric>> byId = catalog.all().stream()
                .collect(Collectors.groupingBy(StoredRubric::rubricId, LinkedHashMap::new, Collectors.toList()));
        return byId.values().stream().map(versions -> {
            StoredRubric newest = versions.get(versions.size() - 1);
            return new RubricSummary(newest.rubricId(), newest.type(), newest.title(), newest.version(),
                    versions.stream().map(StoredRubric::version).toList());
        }).toList();
    }

    @GetMapping("/{rubricId}")
    List<RubricVersion> versions(@PathVariable String rubricId) {
        List<StoredRubric> versions = catalog.versions(rubricId);
        if (versions.isEmpty()) {
            throw ApiException.notFound("rubric.not-found", rubricId);
        }
        return versions.stream().map(v -> new RubricVersion(v.rubricId(), v.version(), v.uploadedBy(), v.uploadedAt(),
                catalog.definition(v))).toList();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, "application/yaml", "application/x-yaml", "text/yaml",
            MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<RubricVersion> upload(@RequestBody String source,
            @RequestParam(required = false) @Size(max = 500) String reason, Caller caller) {
        RubricDefinition def;
        try {
            // the reason (why a new version) goes into the audit trail of every call that names the rubric
            def = catalog.upload(source, caller.subject(), reason == null || reason.isBlank() ? null : reason.strip());
        } catch (InvalidRubricException e) {
            throw ApiException.invalid(e.reasons().stream()
                    .map(r -> new ApiException.FieldProblem("rubric", "rubric.invalid-reason", r)).toList());
        }
        return ResponseEntity.created(URI.create("/api/rubrics/" + def.id()))
                .body(new RubricVersion(def.id(), def.version(), caller.subject(), null, def));
    }
}
