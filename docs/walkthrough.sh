#!/usr/bin/env bash
# The README's walk-through, runnable as it is printed: with `./tsbase up` running in another terminal,
#   ./docs/walkthrough.sh
# An enterprise and a park apply to the demo call, are scored with an explanation, reviewed, ranked,
# recommended and accepted, and their contact finds the mails; the park is returned for correction and
# resubmits, a second park's recommendation beyond the quota is refused, and ADMIN reads the audit trail.
# Needs curl and jq.
# TSBASE_DATA_DIR points at another stack's data folder (the system tests use that).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${TSBASE_DATA_DIR:-data}
GW=$(jq -r .gateway "$DATA/stack.json")
MAIL=$(jq -r .mailApi "$DATA/stack.json")
ADMIN=$(jq -r .ADMIN "$DATA/dev-tokens.json")
REVIEWER=$(jq -r .DISTRICT_REVIEWER "$DATA/dev-tokens.json")
CITY=$(jq -r .CITY_REVIEWER "$DATA/dev-tokens.json")
ENTERPRISE=91110107MA0DW1K2X5        # 北京西山新材料有限公司 (valid GB 32100-2015 code)
PARK=91110107MA0HN3P487              # 石景山科创园运营有限公司
PARK2=91110107MA0KQ5R29N             # 石景山智谷园区管理有限公司
APPLICANT=$(./tsbase token --role APPLICANT --org $ENTERPRISE --data-dir "$DATA")
PARK_APPLICANT=$(./tsbase token --role APPLICANT --org $PARK --data-dir "$DATA")
PARK2_APPLICANT=$(./tsbase token --role APPLICANT --org $PARK2 --data-dir "$DATA")
day() { date -d "$1 days" +%F; }     # evidence dated inside the call's assessment period
eventually() { # COMMAND...: retried each second for up to two minutes (scoring and mail are asynchronous)
  for _ in $(seq 120); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "gave up waiting for: $*" >&2; return 1
}
call() { # METHOD PATH TOKEN [JSON]: prints the body, fails on an HTTP error
  curl -sS --fail-with-body -X "$1" "$GW$2" -H "Authorization: Bearer $3" \
       ${4:+-H 'Content-Type: application/json' -d "$4"}
}
problem() { # METHOD PATH TOKEN [JSON]: an answer expected to be refused, as "status detail"
  curl -sS -X "$1" "$GW$2" -H "Authorization: Bearer $3" ${4:+-H 'Content-Type: application/json' -d "$4"} \
    | jq -r '"\(.status) \(.detail)", (.errors[]? | "  \(.field): \(.message)")'
}
status_is() { call GET /api/applications/$1 "$2" | jq -e ".status == \"$3\""; }
submit() { # ID TOKEN: submits with the call's 承诺 accepted; retried while the contact (附件6) is on its way to
  # application-service (it learns contacts from the contact topic, a moment after they are registered)
  eventually call POST /api/applications/$1/submit "$2" '{"declarationAccepted":true}'
  call GET /api/applications/$1 "$2" | jq -c '{id, status, version, declaration: .declaration.text[0:12]}'
}

echo "== 1. The calls: the 2023 call of the notice (closed) and the demo call (open)"
call GET /api/calls "$APPLICANT" | jq -r '(.content? // .)[] | "\(.callId)\t\(.phase)\t\(.title)"'

echo "== 2. A contact person of the enterprise (附件6); the phone comes back masked to reviewers"
call POST /api/organizations/$ENTERPRISE/contacts "$APPLICANT" '{"name":"周联络","department":"法务部",
  "title":"商业秘密保护专员","officePhone":"010-88797656","mobilePhone":"13812345678",
  "email":"zhou@xishan.example","channels":["EMAIL"]}' | jq -c '{id: (.id // .contactId), name, mobilePhone}'
call GET /api/organizations/$ENTERPRISE/contacts "$REVIEWER" | jq -c '.contacts[0] | {name, mobilePhone}'

echo "== 3. A demonstration-point application (附件2) as a draft, then submitted"
POINT=$(call POST /api/applications "$APPLICANT" '{"callId":"sjs-demo","type":"POINT",
  "organization":{"creditCode":"'$ENTERPRISE'","name":"北京西山新材料有限公司","legalRepresentative":"周法人",
    "address":"北京市石景山区实兴大街30号","postalCode":"100041","enterpriseType":"有限责任公司",
    "industry":"先进制造业","annualOutputWanYuan":8600,"employeeCount":120},
  "contact":{"name":"周联络","title":"法务经理","phone":"13812345678"},
  "workDescription":"成立由总经理牵头的商业秘密保护领导小组，制定六项保护制度，按年度计划开展培训、检查和风险评估。",
  "evidence":{"leadershipBody":{"established":true,"ledByPrincipal":true},
    "office":{"established":true,"dutiesDefined":true},"partTimeStaff":2,"fullTimeStaff":1,
    "fullTimeStaffWithCollegeDegree":1,"liaisonDesignated":true,"fixedOffice":true,"facilities":true,
    "annualBudgetYuan":80000,"mechanisms":["PERSONNEL","DOCUMENTS","CARRIERS","KEY_AREAS","INSPECTION"],
    "annualPlan":{"exists":true,"covers":["VERIFICATION","INSPECTION","TRAINING","RISK_ASSESSMENT"]},
    "secretsInventoryDone":true,"rulesAnnounced":true,"onboardingTraining":true,
    "trainings":[{"date":"'$(day -200)'","ledger":true,"attendees":110},{"date":"'$(day -40)'","ledger":true,"attendees":100}],
    "ndaSigned":true,"nonCompeteSigned":true,
    "inspections":[{"date":"'$(day -240)'","ledger":true},{"date":"'$(day -20)'","ledger":true}],
    "riskAssessment":{"standardUsed":true,"reportWritten":true},"totalStaff":120,"trainedStaff":120,
    "internalPublicity":true,"legalServiceCooperation":false,"improvedAfterRiskAssessment":true,
    "inspectionFindingsFixed":false,"casesAssisted":0,"handbookPublished":false,"talentExchange":false},
  "applicantOpinion":{"signatory":"周法人","sealed":true,"date":"'$(day 0)'"}}' | jq -r .id)
echo "draft $POINT"
printf '%%PDF-1.4\n%% 台账\n1 0 obj<<>>endobj\ntrailer<<>>\n%%%%EOF\n' > /tmp/ledger.pdf
curl -sS --fail-with-body -X POST "$GW/api/applications/$POINT/attachments" -H "Authorization: Bearer $APPLICANT" \
  -F "file=@/tmp/ledger.pdf;filename=培训台账.pdf" -F kind=LEDGER | jq -c '{fileName, contentType, sha256}'
echo "   without the 承诺 (declarationAccepted) the demo call refuses it:"
problem POST /api/applications/$POINT/submit "$APPLICANT"
submit $POINT "$APPLICANT"

echo "== 4. The 2023 call is closed: submitting to it is refused (422)"
curl -sS -X POST "$GW/api/applications" -H "Authorization: Bearer $APPLICANT" -H 'Content-Type: application/json' \
  -d '{"callId":"sjs-2023","type":"POINT","organization":{"creditCode":"'$ENTERPRISE'","name":"北京西山新材料有限公司"}}' \
  | jq -r '"\(.status) \(.detail)"'

echo "== 5. The score, computed from the submission event alone, with its explanation"
scored() { call GET /api/scores/$1 "$2" | jq -e '.total != null'; }
eventually scored $POINT "$REVIEWER"
call GET /api/scores/$POINT "$REVIEWER" | jq -r '"total \(.total) = base \(.base) + bonus \(.bonus), passed: \(.passed) (\(.rubricId) v\(.rubricVersion))",
  (.criteria[] | "  \(.id) \(.title): \(.finalPoints)/\(.max)"),
  "  why P4:", (.criteria[] | select(.id == "P4") | .items[] | "    \(.itemId) \(.pointsAwarded)/\(.pointsAvailable)  \(.text)")'

echo "== 5b. The demo call's review starts after it closes: ADMIN opens it now, with a reason (audited)"
eventually status_is $POINT "$APPLICANT" SCORED
problem POST /api/applications/$POINT/district-opinion "$REVIEWER" '{"recommended":true}'
call POST /api/calls/sjs-demo/reopen-review "$ADMIN" '{"reason":"演示：材料齐全，提前开放审核","until":"'$(day 60)'"}' \
  | jq -c '{reviewOpen, reviewReopening: {until: .reviewReopening.until, reason: .reviewReopening.reason}}'

echo "== 6. A district reviewer scores P6 lower, with a reason; the result changes"
call POST /api/scores/$POINT/reviews "$REVIEWER" '{"criteria":[{"id":"P6","points":24,"comment":"第二次检查台账缺少整改记录"}]}' \
  | jq -r '"total now \(.total); P6 \(.criteria[] | select(.id == "P6") | "\(.automaticPoints) automatic -> \(.finalPoints) final")"'

echo "== 7. The ranking of the demo call's points, with the proposed candidates within the quota"
eventually status_is $POINT "$APPLICANT" SCORED
call GET "/api/rankings?callId=sjs-demo&type=POINT" "$REVIEWER" \
  | jq -r '"quota \(.quota)", (.entries[] | "  #\(.rank) \(.organizationName) \(.total) proposed=\(.proposed) \(.reason)")'

echo "== 8. 推荐意见 and 验收意见"
call POST /api/applications/$POINT/district-opinion "$REVIEWER" '{"recommended":true,"text":"制度健全，活动扎实，同意推荐。"}' | jq -c '{status}'
call POST /api/applications/$POINT/city-opinion "$CITY" '{"accepted":true,"text":"经验收，符合示范点标准。"}' | jq -c '{status}'

echo "== 9. A park applies as a demonstration zone (附件3), with its contact person (附件6)"
zone() { # CREDIT_CODE NAME: a demonstration-zone application of the demo call (附件3)
  echo '{"callId":"sjs-demo","type":"ZONE",
  "organization":{"creditCode":"'$1'","name":"'$2'","head":"吴园长","address":"北京市石景山区科创路6号",
    "postalCode":"100043","parkType":"科技企业孵化器","enterprisesInPark":80,"parkOutputWanYuan":420000},
  "contact":{"name":"郑园区","title":"服务中心主任","phone":"010-68881234"},
  "workDescription":"园区建立商业秘密协同保护机制，设立维权窗口，组织走访、指导、培训和风险评估。",
  "evidence":{"enterprisesDoingProtection":30,"enterprisesMeetingPointStandard":2,
    "leadershipBody":{"established":true,"includesEnterprises":true},"office":{"established":true,"dutiesDefined":true},
    "partTimeStaff":3,"fullTimeStaff":1,"fullTimeStaffWithCollegeDegree":1,"liaisonDesignated":true,
    "fixedOffice":true,"facilities":true,"annualBudgetYuan":300000,
    "mechanisms":["COORDINATED_PROTECTION","OPERATIONS","RIGHTS_ASSISTANCE"],
    "annualPlan":{"exists":true,"covers":["VISITS","GUIDANCE","TRAINING","RISK_ASSESSMENT"]},
    "enterprisesVisited":20,"enterprisesGuided":8,
    "events":[{"date":"'$(day -150)'","ledger":true,"kind":"宣传培训"},{"date":"'$(day -90)'","ledger":true,"kind":"法规宣讲"},
              {"date":"'$(day -30)'","ledger":true,"kind":"座谈沙龙"}],
    "enterprisesTrained":40,"rightsWindow":true,"enterprisesRiskAssessed":8,"riskAssessment":{"reportWritten":true},
    "rightsCasesHelped":1,"legalServiceCooperation":true,"handbookPublished":false,"infoSharingMechanism":false},
  "applicantOpinion":{"signatory":"吴园长","sealed":true,"date":"'$(day 0)'"}}'
}
call POST /api/organizations/$PARK/contacts "$PARK_APPLICANT" '{"name":"郑园区","department":"园区服务中心",
  "title":"服务中心主任","officePhone":"010-68881234","email":"zheng@kechuang.example","channels":["EMAIL"]}' >/dev/null
ZONE=$(call POST /api/applications "$PARK_APPLICANT" "$(zone $PARK 石景山科创园)" | jq -r .id)
submit $ZONE "$PARK_APPLICANT"
eventually status_is $ZONE "$PARK_APPLICANT" SCORED

echo "== 9b. 退回补正: the district returns the park's application for the sealed scan; the park adds it and resubmits"
call POST /api/applications/$ZONE/return "$REVIEWER" '{"reason":"请补充上传加盖公章的申报表扫描件。","deadline":"'$(day 7)'"}' \
  | jq -c '{status, reason: .correction.reason, deadline: .correction.deadline}'
printf '%%PDF-1.4\n%% 申报表（盖章）\n1 0 obj<<>>endobj\ntrailer<<>>\n%%%%EOF\n' > /tmp/sealed.pdf
curl -sS --fail-with-body -X POST "$GW/api/applications/$ZONE/attachments" -H "Authorization: Bearer $PARK_APPLICANT" \
  -F "file=@/tmp/sealed.pdf;filename=申报表（盖章）.pdf" -F kind=SEALED_FORM | jq -c '{fileName, kind}'
submit $ZONE "$PARK_APPLICANT"
eventually status_is $ZONE "$PARK_APPLICANT" SCORED
call GET /api/scores/$ZONE "$REVIEWER" | jq -r '"zone total \(.total) = base \(.base) + bonus \(.bonus), passed: \(.passed)",
  (.criteria[] | "  \(.id) \(.title): \(.finalPoints)/\(.max)")'

echo "== 9c. The quota: 示范区 1. The park is recommended; a second park's recommendation is refused (409)"
call POST /api/organizations/$PARK2/contacts "$PARK2_APPLICANT" '{"name":"冯园区","title":"综合部经理",
  "mobilePhone":"13900002222","email":"feng@zhigu.example","channels":["EMAIL"]}' >/dev/null
ZONE2=$(call POST /api/applications "$PARK2_APPLICANT" "$(zone $PARK2 石景山智谷园区)" | jq -r .id)
submit $ZONE2 "$PARK2_APPLICANT"
eventually status_is $ZONE2 "$PARK2_APPLICANT" SCORED
call POST /api/applications/$ZONE/district-opinion "$REVIEWER" '{"recommended":true,"text":"协同保护机制完善，同意推荐。"}' | jq -c '{status}'
problem POST /api/applications/$ZONE2/district-opinion "$REVIEWER" '{"recommended":true}'

echo "== 9d. The district publishes the results; ADMIN reads the audit trail of the call"
call POST /api/calls/sjs-demo/results-published "$REVIEWER" | jq -c '{resultsPublishedAt}'
audited() { call GET "/api/audit?callId=sjs-demo" "$ADMIN" | jq -e '[.items[].kind] | index("RESULTS_PUBLISHED") != null'; }
eventually audited
call GET "/api/audit?callId=sjs-demo" "$ADMIN" | jq -r '.items[] | "  \(.at) \(.kind) by \(.who): \(.what) \(.why // "")"'

echo "== 10. What the enterprise's contact received (the mail server's API; IMAP works too)"
mails() { curl -sS "$MAIL/api/user/zhou@xishan.example/messages/INBOX" | jq -e "length >= $1"; }
eventually mails 4   # receipt, 推荐, 验收, and the latest score once the district published the results (issue 9)
curl -sS "$MAIL/api/user/zhou@xishan.example/messages/INBOX" | jq -r '.[].subject'
