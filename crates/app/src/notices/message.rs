//! The text of a vesting notice: plain, and naming everything the issuer needs to act
//! (assignment id, asset, registered user, amount, date) without opening the console.

use tessera_core::Precision;
use tessera_store::{DueNotice, NoticeKind};

/// The subject and body of `notice`.
pub fn compose(notice: &DueNotice) -> (String, String) {
    let date = chrono::DateTime::from_timestamp(notice.vesting_timestamp, 0).map_or_else(
        || notice.vesting_timestamp.to_string(),
        |d| d.format("%Y-%m-%d %H:%M UTC").to_string(),
    );
    let amount = Precision::new(i64::from(notice.precision)).map_or_else(
        |_| notice.amount.units().to_string(),
        |p| p.format(notice.amount),
    );
    let subject = match notice.kind {
        NoticeKind::Upcoming => format!(
            "Vesting soon: assignment {} of {} ({}) vests on {date}",
            notice.assignment.0, notice.asset_name, notice.user_name
        ),
        NoticeKind::VestingDay => format!(
            "Vesting today: assignment {} of {} ({}) vests on {date}",
            notice.assignment.0, notice.asset_name, notice.user_name
        ),
    };
    let body = format!(
        "{lead}\n\n\
         Assignment: {id}\n\
         Asset: {asset} ({uuid})\n\
         Registered user: {user} (id {user_id})\n\
         Amount: {amount} ({units} base units)\n\
         Vesting date: {date} (unix {ts})\n\n\
         Once vested, the assignment is ready for the next distribution.\n\
         -- Tessera\n",
        lead = match notice.kind {
            NoticeKind::Upcoming => "An assignment vests soon.",
            NoticeKind::VestingDay => "An assignment vests today.",
        },
        id = notice.assignment.0,
        asset = notice.asset_name,
        uuid = notice.asset,
        user = notice.user_name,
        user_id = notice.registered_user.0,
        units = notice.amount.units(),
        ts = notice.vesting_timestamp,
    );
    (subject, body)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use tessera_core::{Amount, AssetUuid, AssignmentId, IssuerId, RegisteredUserId};

    #[test]
    fn a_notice_names_the_assignment_amount_and_vesting_date() {
        let notice = DueNotice {
            issuer: IssuerId(1),
            email: "ops@abcompany.example".into(),
            kind: NoticeKind::Upcoming,
            assignment: AssignmentId(42),
            asset: AssetUuid::new_random(),
            asset_name: "ABCompany shares".into(),
            registered_user: RegisteredUserId(7),
            user_name: "Alice".into(),
            amount: Amount::from_units(1250).unwrap(),
            precision: 2,
            vesting_timestamp: 1_800_000_000,
        };
        let (subject, body) = compose(&notice);
        assert!(subject.contains("assignment 42"), "{subject}");
        assert!(body.contains("Assignment: 42"), "{body}");
        assert!(body.contains("Amount: 12.50 (1250 base units)"), "{body}");
        assert!(
            body.contains("Vesting date: 2027-01-15 08:00 UTC"),
            "{body}"
        );
    }
}
