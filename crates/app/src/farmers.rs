//! Use cases: farmers.

use farmstall_domain::validate::{optional_text, phone, required_text, LONG_TEXT, SHORT_TEXT};
use farmstall_domain::{Checker, FarmerDetails, FieldError, Id, Rule};
use farmstall_store::farmers;

use crate::dto::{FarmerDto, FarmerInput, FarmerPage, ListQuery};
use crate::{App, AppError, Result};

/// Checks a farmer as typed; every wrong field is reported, in form order.
pub(crate) fn validate(input: &FarmerInput) -> Result<FarmerDetails, Vec<FieldError>> {
    let mut c = Checker::new();
    let name = c.check(required_text("name", &input.name, SHORT_TEXT));
    let village = c.check(optional_text("village", &input.village, SHORT_TEXT));
    let phone = c.check(phone("phone", &input.phone, false));
    let payment_notes = c.check(optional_text(
        "paymentNotes",
        &input.payment_notes,
        LONG_TEXT,
    ));
    let remarks = c.check(optional_text("remarks", &input.remarks, LONG_TEXT));
    c.finish()?;
    Ok(FarmerDetails {
        name: name.unwrap_or_default(),
        village: village.unwrap_or_default(),
        phone: phone.unwrap_or_default(),
        payment_notes: payment_notes.unwrap_or_default(),
        remarks: remarks.unwrap_or_default(),
    })
}

pub(crate) fn parse_id(id: &str) -> Result<Id> {
    Id::parse(id).map_err(|_| {
        AppError::from(FieldError::new(
            "id",
            Rule::NotANumber,
            format!("{id:?} is not a record id"),
        ))
    })
}

fn duplicate(details: &FarmerDetails) -> AppError {
    let place = if details.village.is_empty() {
        String::new()
    } else {
        format!(" in {}", details.village)
    };
    AppError::from(FieldError::new(
        "name",
        Rule::Duplicate,
        format!(
            "a farmer named {}{place} already exists: edit that one, or add the village to tell them apart",
            details.name
        ),
    ))
}

impl App {
    pub fn list_farmers(&mut self, query: &ListQuery) -> Result<FarmerPage> {
        let filter = App::filter(query);
        self.store.read(|tx| {
            let page = farmers::list(tx, &filter)?;
            Ok(FarmerPage {
                items: page.items.iter().map(FarmerDto::from).collect(),
                total: u32::try_from(page.total).unwrap_or(u32::MAX),
            })
        })
    }

    pub fn get_farmer(&mut self, id: &str) -> Result<FarmerDto> {
        let id = parse_id(id)?;
        self.store
            .read(|tx| Ok(FarmerDto::from(&farmers::get(tx, id)?)))
    }

    pub fn create_farmer(&mut self, input: &FarmerInput) -> Result<FarmerDto> {
        let details = validate(input)?;
        let (now, origin) = (self.clock.now(), self.origin);
        self.store.write(|tx| {
            if farmers::find_active_namesake(tx, &details.name, &details.village, None)?.is_some() {
                return Err(duplicate(&details));
            }
            Ok(FarmerDto::from(&farmers::insert(
                tx, &details, now, origin,
            )?))
        })
    }

    pub fn update_farmer(&mut self, id: &str, input: &FarmerInput) -> Result<FarmerDto> {
        let id = parse_id(id)?;
        let details = validate(input)?;
        let (now, origin) = (self.clock.now(), self.origin);
        self.store.write(|tx| {
            let current = farmers::get(tx, id)?;
            if current.archived_at.is_none()
                && farmers::find_active_namesake(tx, &details.name, &details.village, Some(id))?
                    .is_some()
            {
                return Err(duplicate(&details));
            }
            Ok(FarmerDto::from(&farmers::update(
                tx, id, &details, now, origin,
            )?))
        })
    }

    /// Takes a farmer out of the pickers; their history stays.
    pub fn archive_farmer(&mut self, id: &str) -> Result<FarmerDto> {
        let id = parse_id(id)?;
        let (now, origin) = (self.clock.now(), self.origin);
        self.store.write(|tx| {
            Ok(FarmerDto::from(&farmers::set_archived(
                tx, id, true, now, origin,
            )?))
        })
    }

    /// Brings an archived farmer back, unless an active namesake took their place meanwhile.
    pub fn restore_farmer(&mut self, id: &str) -> Result<FarmerDto> {
        let id = parse_id(id)?;
        let (now, origin) = (self.clock.now(), self.origin);
        self.store.write(|tx| {
            let current = farmers::get(tx, id)?;
            if current.archived_at.is_some()
                && farmers::find_active_namesake(
                    tx,
                    &current.details.name,
                    &current.details.village,
                    Some(id),
                )?
                .is_some()
            {
                return Err(duplicate(&current.details));
            }
            Ok(FarmerDto::from(&farmers::set_archived(
                tx, id, false, now, origin,
            )?))
        })
    }
}
