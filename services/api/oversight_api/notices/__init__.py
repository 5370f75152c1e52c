"""``/v1/notices``: the recipient organization's inbox, read receipts, re-driving failed deliveries."""
