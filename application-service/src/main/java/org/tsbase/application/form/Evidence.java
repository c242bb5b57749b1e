package org.tsbase.application.form;

/** The facts the rubric reads (RUBRICS.md), field names as in API.md. */
public sealed interface Evidence permits PointEvidence, ZoneEvidence {
}
