//! The columns of the national *Specifikation för leverantörsreskontra* 1.1 that the ledger
//! keeps, and the one table of header aliases real files use for them.

/// A column the ledger reads. Other columns of a file are skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// `leverantor_id`: the supplier's organisation number (or an internal number).
    SupplierId,
    /// `leverantor`: the supplier's name.
    SupplierName,
    /// `forvaltning`: the committee or administration that booked the payment.
    Forvaltning,
    /// `konto_nr`: the account.
    KontoNr,
    /// `bokforingsdatum`: the booking date.
    BookingDate,
    /// `nettobelopp`: the amount excluding VAT; negative for credit notes.
    Amount,
}

impl Column {
    /// The national column name.
    pub fn national_name(self) -> &'static str {
        match self {
            Column::SupplierId => "leverantor_id",
            Column::SupplierName => "leverantor",
            Column::Forvaltning => "forvaltning",
            Column::KontoNr => "konto_nr",
            Column::BookingDate => "bokforingsdatum",
            Column::Amount => "nettobelopp",
        }
    }

    /// Columns without which a row cannot be used.
    pub fn is_required(self) -> bool {
        matches!(
            self,
            Column::SupplierId | Column::BookingDate | Column::Amount
        )
    }

    pub const ALL: [Column; 6] = [
        Column::SupplierId,
        Column::SupplierName,
        Column::Forvaltning,
        Column::KontoNr,
        Column::BookingDate,
        Column::Amount,
    ];
}

/// Every accepted header name, after [`normalise_header`], with the column it means. The
/// national name comes first for each column. This is the only alias table.
pub const ALIASES: &[(&str, Column)] = &[
    ("leverantor_id", Column::SupplierId),
    ("leverantorsnummer", Column::SupplierId),
    ("leverantor_nr", Column::SupplierId),
    ("leverantorsnr", Column::SupplierId),
    ("leverantorsid", Column::SupplierId),
    ("leverantor_orgnr", Column::SupplierId),
    ("organisationsnummer", Column::SupplierId),
    ("orgnr", Column::SupplierId),
    ("supplier_id", Column::SupplierId),
    ("leverantor", Column::SupplierName),
    ("leverantorsnamn", Column::SupplierName),
    ("leverantor_namn", Column::SupplierName),
    ("supplier", Column::SupplierName),
    ("forvaltning", Column::Forvaltning),
    ("forvaltningsnamn", Column::Forvaltning),
    ("namnd", Column::Forvaltning),
    ("konto_nr", Column::KontoNr),
    ("kontonr", Column::KontoNr),
    ("kontonummer", Column::KontoNr),
    ("konto", Column::KontoNr),
    ("bokforingsdatum", Column::BookingDate),
    ("bokf_datum", Column::BookingDate),
    ("datum", Column::BookingDate),
    ("booking_date", Column::BookingDate),
    ("nettobelopp", Column::Amount),
    ("belopp", Column::Amount),
    ("belopp_exkl_moms", Column::Amount),
    ("amount", Column::Amount),
];

/// Lower case, surrounding spaces and a byte-order mark removed, `å`/`ä` → `a`, `ö` → `o`,
/// spaces, hyphens and dots → `_`.
pub fn normalise_header(name: &str) -> String {
    name.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '"')
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            ' ' | '-' | '.' => '_',
            c => c,
        })
        .collect()
}

/// The column a header name means, if the ledger keeps it.
pub fn column_of(header: &str) -> Option<Column> {
    let n = normalise_header(header);
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == n)
        .map(|(_, c)| *c)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn aliases_and_national_names() {
        assert_eq!(column_of("Leverantör_ID"), Some(Column::SupplierId));
        assert_eq!(column_of("\u{feff}belopp"), Some(Column::Amount));
        assert_eq!(column_of("Bokföringsdatum"), Some(Column::BookingDate));
        assert_eq!(column_of("Förvaltning"), Some(Column::Forvaltning));
        assert_eq!(column_of("kopare"), None);
        for c in Column::ALL {
            assert_eq!(column_of(c.national_name()), Some(c));
        }
    }
}
