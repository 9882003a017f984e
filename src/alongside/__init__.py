"""Alongside: home care and personal assistance for disabled and elderly people."""
