class SetsACookie:
    """A stand-in for any code that, one day, sets a cookie on a public page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.set_cookie("tracking", "1")
        return response
