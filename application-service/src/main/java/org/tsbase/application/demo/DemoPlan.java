package org.tsbase.application.demo;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the demo reviewers will say about a demo application once scoring has scored it. Kept apart from the
 * application, in its own collection, and removed when nothing is left to do.
 *
 * @param recommended 推荐意见: recommend or not; null: no district opinion
 * @param accepted    验收意见 once recommended; null: leave it with the city
 */
@Document("demo-plans")
record DemoPlan(@Id String applicationId, Boolean recommended, String districtText, Boolean accepted,
        String cityText) {

    DemoPlan forApplication(String id) {
        return new DemoPlan(id, recommended, districtText, accepted, cityText);
    }
}
