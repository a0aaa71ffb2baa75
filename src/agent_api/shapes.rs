//! The query and body shapes of the Agent API endpoints beyond the task body
//! (`task_update.rs`), as the vendor documents them (`shared/notes/agent-api-endpoints.md`).
//! Where a value's format is not documented it is only typed, not constrained.

use crate::issue::LenUnit;
use crate::schema::{doc, f, req, req_secret, Field, Fmt, List, Ty};

const TEXT: Ty = Ty::Str {
    min: 0,
    max: None,
    unit: LenUnit::Chars,
};
const NON_EMPTY: Ty = Ty::Str {
    min: 1,
    max: None,
    unit: LenUnit::Chars,
};
const PAGE: Ty = Ty::Int {
    min: Some(1),
    max: None,
    strings: true,
};
const FLAG: Ty = Ty::Flag;
/// An id the vendor types as a string and gives as a UUID in its examples (the cloud node of
/// `listLines`, a custom field's id): any non-empty string, or an integer (sent as given).
const KEY: Ty = Ty::Either(
    &NON_EMPTY,
    &Ty::Int {
        min: Some(0),
        max: None,
        strings: false,
    },
);
/// `YYYY-MM-DD HH:mm:ss`: the note gives that form for `deadline_at` and no form for the
/// list filters (`start_at`, `end_at`, `created_at`). Decision (issue 8: "dates in
/// `YYYY-MM-DD HH:mm:ss`"): the same exact form for all four, so a filter is never sent in
/// a shape the server may read another way.
const TIMESTAMP: Ty = Ty::Format(Fmt::Timestamp);
/// Intention levels, as the note gives them: `1A` … `5E`.
const INTENTION_TAG: Ty = Ty::StrEnum(&[
    "1A", "1B", "1C", "1D", "1E", "2A", "2B", "2C", "2D", "2E", "3A", "3B", "3C", "3D", "3E", "4A",
    "4B", "4C", "4D", "4E", "5A", "5B", "5C", "5D", "5E",
]);
const TEXT_LIST: Ty = Ty::List(&List {
    item: TEXT,
    min: 0,
    max: None,
    unique: false,
});

pub const MAX_NUMBERS_SYNC: usize = 100;
pub const MAX_NUMBERS_ASYNC: usize = 200;
pub const MAX_CUSTOMERS: usize = 200;

/// `page` and `per_page` (default 15), shared by the list endpoints.
macro_rules! paged {
    ($($extra:expr),* $(,)?) => {
        &[
            f("page", &PAGE, "Page, from 1."),
            f("per_page", &PAGE, "Items per page (the server's default is 15)."),
            $($extra),*
        ]
    };
}

const TASK_STATUS_2: Ty = Ty::IntEnum(&[(1, doc("paused")), (3, doc("running or waiting"))]);
pub const LIST_TASKS: &[Field] = paged![
    f("name", &TEXT, "Task name (fuzzy)."),
    f(
        "status",
        &Ty::Either(
            &TASK_STATUS_2,
            &Ty::List(&List {
                item: TASK_STATUS_2,
                min: 1,
                max: None,
                unique: true
            })
        ),
        "1 paused, 3 running and waiting; one value or a list."
    ),
];
pub const LIST_SUBSET_TASKS: &[Field] = paged![f("name", &TEXT, "Task name (fuzzy).")];
/// Decision: the server ignores unknown status values (the list comes back unfiltered);
/// refusing them here is what keeps a typo from silently listing everything.
pub const LIST_LEGACY_TASKS: &[Field] = paged![
    f("name", &TEXT, "Task name (fuzzy)."),
    f(
        "status",
        &Ty::IntEnum(&[(1, doc("paused")), (2, doc("running")), (3, doc("waiting"))]),
        "1 paused, 2 running, 3 waiting."
    ),
];
pub const LIST_CALL_RECORDS: &[Field] = paged![
    f(
        "levels",
        &Ty::List(&List {
            item: TEXT_LIST,
            min: 0,
            max: None,
            unique: false
        }),
        "Intention levels, a 2-D array (sent as levels[0][]=A)."
    ),
    f("keyword", &TEXT, "Callee number."),
    f(
        "start_at",
        &TIMESTAMP,
        "Calls from, \"YYYY-MM-DD HH:mm:ss\"."
    ),
    f(
        "end_at",
        &TIMESTAMP,
        "Calls until, \"YYYY-MM-DD HH:mm:ss\"."
    ),
    f(
        "intention_tags",
        &Ty::List(&List {
            item: INTENTION_TAG,
            min: 0,
            max: None,
            unique: false
        }),
        "Intention tags, 1A…5E."
    ),
    f("hangup_date", &TEXT_LIST, "Hang-up dates."),
];
pub const LIST_DIAL_TIME_GROUPS: &[Field] = &[req("page", &PAGE, "Page, from 1.")];
pub const LIST_LINES: &[Field] = paged![
    req(
        "id",
        &KEY,
        "Cloud node id (a UUID in the vendor's example)."
    ),
    f("user_id", &NON_EMPTY, "Only the lines of this user."),
];
pub const LIST_SCRIPT_GROUPS: &[Field] = paged![];
const OPERATOR: Ty = Ty::IntEnum(&[
    (1, doc("China Telecom")),
    (2, doc("China Unicom")),
    (3, doc("China Mobile")),
]);
const COMPONENT: Ty = Ty::Obj(&[
    req(
        "id",
        &KEY,
        "Custom field id (a UUID in the vendor's examples).",
    ),
    f("value", &TEXT, "Its value."),
]);
const COMPONENTS: Ty = Ty::List(&List {
    item: COMPONENT,
    min: 0,
    max: None,
    unique: false,
});
pub const LIST_CUSTOMERS: &[Field] = &[
    req("page", &PAGE, "Page, from 1."),
    f("per_page", &PAGE, "Items per page."),
    f("phone", &TEXT, "Phone number."),
    f("email", &TEXT, "Email."),
    f("company", &TEXT, "Company."),
    f(
        "created_at",
        &Ty::List(&List {
            item: TIMESTAMP,
            min: 2,
            max: Some(2),
            unique: false,
        }),
        "[from, until], \"YYYY-MM-DD HH:mm:ss\".",
    ),
    // The note gives one value, the vendor's request example a list (`[1]`): both.
    f(
        "operator",
        &Ty::Either(
            &OPERATOR,
            &Ty::List(&List {
                item: OPERATOR,
                min: 0,
                max: None,
                unique: false,
            }),
        ),
        "1 China Telecom, 2 China Unicom, 3 China Mobile; one or a list.",
    ),
    f("components", &COMPONENTS, "Custom fields {id, value}."),
    f("encryption", &FLAG, "The numbers are encrypted."),
];
pub const LIST_CALLBACK_BLACKLIST: &[Field] = paged![f(
    "status",
    &Ty::IntEnum(&[(0, doc("blocked")), (1, doc("released"))]),
    "0 blocked, 1 released."
)];
pub const LIST_VOS_RECORDS: &[Field] = &[
    f(
        "time",
        &Ty::Format(Fmt::Date),
        "Day of the calls, yyyy-MM-dd (default yesterday).",
    ),
    f("phone", &TEXT, "Calling number."),
    f("callee_phone", &TEXT, "Called number."),
    f("vos_account_id", &Ty::Id, "VOS account id."),
];

// ---- bodies -----------------------------------------------------------------------------

/// A row of people to call or keep (numbers, CRM customers): `phone` and the contact
/// fields both endpoints document, plus any of their own. `extra` is free text or an
/// object (undocumented beyond its name); other keys are call variables.
macro_rules! person_row {
    ($($extra:expr),* $(,)?) => {
        Ty::OpenObj(&[
            req("phone", &NON_EMPTY, "Phone number."),
            f("name", &TEXT, "Name."),
            f("email", &TEXT, "Email."),
            f("company", &TEXT, "Company."),
            $($extra,)*
            f("components", &COMPONENTS, "Custom fields {id, value}."),
            f("extra", &Ty::Either(&TEXT, &Ty::Map), "Extra data."),
        ])
    };
}

const NUMBER_ROW: Ty = person_row![];
const NUMBER_ROWS: Ty = Ty::List(&List {
    item: NUMBER_ROW,
    min: 1,
    max: None,
    unique: false,
});

macro_rules! number_body {
    ($($extra:expr),* $(,)?) => {
        &[
            req("data", &NUMBER_ROWS, "Numbers {phone*, name, email, company, components, extra}; any count (sent in chunks)."),
            f("ignore_crm", &FLAG, "Do not match the numbers against the CRM."),
            f("skip_error", &Ty::Bool, "Skip invalid rows instead of refusing the request (default false)."),
            // Undocumented type (the note only names it): a switch or a suffix text, both kept.
            f("number_add_suffix", &Ty::Either(&FLAG, &TEXT), "Add a suffix to the numbers: a switch (0/1, true/false) or the suffix text."),
            f("encryption", &FLAG, "The numbers are encrypted."),
            $($extra),*
        ]
    };
}
pub const ADD_NUMBERS: &[Field] = number_body![];
pub const ADD_NUMBERS_ASYNC: &[Field] = number_body![f(
    "control_select_robot",
    &FLAG,
    "Let the platform pick the robot."
)];

const SEX: Ty = Ty::IntEnum(&[(0, doc("unknown")), (1, doc("male")), (2, doc("female"))]);
const CUSTOMER_ROW: Ty = person_row![f("sex", &SEX, "0 unknown, 1 male, 2 female.")];
pub const IMPORT_CUSTOMERS: &[Field] = &[
    req("data", &Ty::List(&List { item: CUSTOMER_ROW, min: 1, max: None, unique: false }), "Customers {phone*, name, email, company, sex, components, extra}; any count (sent in chunks)."),
    f("encryption", &FLAG, "The numbers are encrypted."),
];

const TIME_RANGE: Ty = Ty::Obj(&[
    req("begin_time", &NON_EMPTY, "From."),
    req("end_time", &NON_EMPTY, "Until."),
]);
const WEEKDAY_TIMES: Ty = Ty::Obj(&[
    req(
        "week",
        &Ty::IntEnum(&[
            (0, doc("Sunday")),
            (1, doc("Monday")),
            (2, doc("Tuesday")),
            (3, doc("Wednesday")),
            (4, doc("Thursday")),
            (5, doc("Friday")),
            (6, doc("Saturday")),
        ]),
        "Day of the week, 0–6.",
    ),
    req(
        "times",
        &Ty::List(&List {
            item: TIME_RANGE,
            min: 1,
            max: None,
            unique: false,
        }),
        "Time ranges {begin_time, end_time}.",
    ),
]);
pub const SAVE_DIAL_TIME_GROUP: &[Field] = &[
    req("name", &NON_EMPTY, "Group name."),
    f(
        "content",
        &Ty::List(&List {
            item: WEEKDAY_TIMES,
            min: 0,
            max: None,
            unique: false,
        }),
        "Per weekday {week, times[]}.",
    ),
    f("is_default", &FLAG, "Make it the default group."),
    f("skip_holiday", &FLAG, "Do not call on holidays."),
];

pub const ALLOCATE_LINE: &[Field] = &[
    f(
        "line_concurrency",
        &Ty::Int {
            min: Some(1),
            max: None,
            strings: true,
        },
        "Concurrent calls on the line.",
    ),
    f("deadline_at", &TIMESTAMP, "Until, \"YYYY-MM-DD HH:mm:ss\"."),
    f("price", &Ty::Number { min: Some(0) }, "Price."),
];

pub const CREATE_SUB_ACCOUNT: &[Field] = &[
    req("name", &NON_EMPTY, "Name."),
    req("email", &NON_EMPTY, "Email (the login)."),
    req("phone", &NON_EMPTY, "Phone number."),
    req_secret("password", &NON_EMPTY, "Password."),
    req_secret(
        "password_confirmation",
        &NON_EMPTY,
        "The password again: must equal password.",
    ),
    f(
        "subset_data",
        &Ty::Obj(&[
            f("alias", &TEXT, "Alias."),
            f("birthday", &TEXT, "Birthday."),
            f("duty", &TEXT, "Position."),
            f("wechat", &TEXT, "WeChat."),
            f("qq", &TEXT, "QQ."),
            f("landline_phone", &TEXT, "Landline."),
            f("sex", &SEX, "0 unknown, 1 male, 2 female."),
        ]),
        "Profile.",
    ),
];
