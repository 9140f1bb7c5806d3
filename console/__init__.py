"""The web console: server-rendered pages for officials and producers, and the public
product page, as another client of the services' gRPC APIs (like `cli/`). It decides no
access itself: every call carries the signed-in user's bearer token and the services
authorise it (runtime/identity). See console/README.md to add a page."""
