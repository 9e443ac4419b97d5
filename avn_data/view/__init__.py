"""The view: filters, the link, words, figures and exports of the rows a person sees."""
