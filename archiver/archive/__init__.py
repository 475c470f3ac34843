"""The one composer: fetch or read bytes, decode, parse and store, one transaction a page."""
