package org.tsbase.contact.contacts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tsbase.support.privacy.Masking;
import org.tsbase.support.security.Caller;
import org.tsbase.support.web.ApiException;
import org.tsbase.support.web.ApiException.FieldProblem;

/**
 * An organisation's contacts (附件6). The organisation itself (its APPLICANT) and ADMIN change them and see them in
 * full; reviewers read them with phone numbers masked and may not change them (403); an applicant of another
 * organisation learns nothing, not even whether it exists (404).
 */
@Tag(name = "contacts", description = "工作联络人（附件6）")
@RestController
@RequestMapping("/api/organizations/{creditCode}/contacts")
class ContactsController {

    private final ContactBook book;

    ContactsController(ContactBook book) {
        this.book = book;
    }

    @Operation(summary = "List an organisation's contacts (phones masked for reviewers)")
    @GetMapping
    ResponseEntity<ContactList> list(@PathVariable String creditCode, Caller caller) {
        checkCreditCode(creditCode);
        mayRead(caller, creditCode);
        Organization org = book.organization(creditCode);
        boolean full = caller.actsFor(creditCode);
        return ResponseEntity.ok().eTag(Versions.etag(org.version()))
                .body(new ContactList(creditCode, org.version(), !full,
                        org.contacts().stream().map(c -> ContactView.of(c, full)).toList()));
    }

    @Operation(summary = "One contact")
    @GetMapping("/{contactId}")
    ResponseEntity<ContactView> get(@PathVariable String creditCode, @PathVariable String contactId, Caller caller) {
        checkCreditCode(creditCode);
        mayRead(caller, creditCode);
        Organization org = book.organization(creditCode);
        Contact contact = org.contact(contactId).orElseThrow(() -> ApiException.notFound("contact.not-found"));
        return ResponseEntity.ok().eTag(Versions.etag(org.version()))
                .body(ContactView.of(contact, caller.actsFor(creditCode)));
    }

    @Operation(summary = "Add a contact (optional If-Match with the organisation's ETag); the same details again return the contact already registered (200)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE) // JSON only: any other type (YAML too) is 415
    ResponseEntity<ContactView> add(@PathVariable String creditCode, @RequestBody ContactForm body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        ContactForm form = validForChange(creditCode, body, caller);
        ContactBook.Change change = book.add(creditCode, form, Versions.ifMatch(ifMatch));
        Contact added = change.contact().orElseThrow();
        URI location = URI.create("/api/organizations/" + creditCode + "/contacts/" + added.contactId());
        // the same contact again (a retry after a lost answer): 200 with the one already registered
        return (change.written() ? ResponseEntity.created(location) : ResponseEntity.ok().location(location))
                .eTag(Versions.etag(change.version()))
                .body(ContactView.of(added, true));
    }

    @Operation(summary = "Replace a contact's details (optional If-Match)")
    @PutMapping(path = "/{contactId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ContactView> replace(@PathVariable String creditCode, @PathVariable String contactId,
            @RequestBody ContactForm body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        ContactForm form = validForChange(creditCode, body, caller);
        ContactBook.Change change = book.replace(creditCode, contactId, form, Versions.ifMatch(ifMatch));
        return ResponseEntity.ok().eTag(Versions.etag(change.version()))
                .body(ContactView.of(change.contact().orElseThrow(), true));
    }

    @Operation(summary = "Remove a contact (optional If-Match); the last one leaves a tombstone on the topic")
    @DeleteMapping("/{contactId}")
    ResponseEntity<Void> remove(@PathVariable String creditCode, @PathVariable String contactId,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
        checkCreditCode(creditCode);
        mayChange(caller, creditCode);
        ContactBook.Change change = book.remove(creditCode, contactId, Versions.ifMatch(ifMatch));
        return ResponseEntity.noContent().eTag(Versions.etag(change.version())).build();
    }

    private static ContactForm validForChange(String creditCode, ContactForm body, Caller caller) {
        checkCreditCode(creditCode);
        mayChange(caller, creditCode);
        List<FieldProblem> tooMany = ContactRules.checkAsReceived(body);
        if (!tooMany.isEmpty()) {
            throw ApiException.invalid(tooMany);
        }
        ContactForm form = body.normalized();
        List<FieldProblem> problems = ContactRules.check(form);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return form;
    }

    private static void checkCreditCode(String creditCode) {
        List<FieldProblem> problems = ContactRules.checkCreditCode(creditCode);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }

    private static void mayRead(Caller caller, String creditCode) {
        if (!caller.mayRead(creditCode)) {
            throw ApiException.notFound("contact.organization.not-found");
        }
    }

    private static void mayChange(Caller caller, String creditCode) {
        if (caller.actsFor(creditCode)) {
            return;
        }
        if (caller.readsAll()) {
            // a reviewer already sees the organisation's contacts: the honest answer is "not your role"
            throw ApiException.forbidden();
        }
        throw ApiException.notFound("contact.organization.not-found");
    }

    record ContactList(String creditCode, long version, boolean masked, List<ContactView> contacts) {
    }

    record ContactView(
            String contactId,
            String name,
            String department,
            String title,
            String officePhone,
            String mobilePhone,
            String email,
            String remarks,
            List<Channel> channels,
            Instant createdAt,
            Instant updatedAt) {

        static ContactView of(Contact c, boolean full) {
            return new ContactView(c.contactId(), c.name(), c.department(), c.title(),
                    full ? c.officePhone() : Masking.phone(c.officePhone()),
                    full ? c.mobilePhone() : Masking.phone(c.mobilePhone()),
                    c.email(), c.remarks(), c.channels(), c.createdAt(), c.updatedAt());
        }
    }
}
