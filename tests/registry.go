package main

func (t *Tests) registryCases() []testCase {
	return nil
}
