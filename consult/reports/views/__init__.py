"""Staff pages for reports (runs and downloads; theme review). Every view starts with
`consultation_for_staff`, so another department's consultation is a 404."""
